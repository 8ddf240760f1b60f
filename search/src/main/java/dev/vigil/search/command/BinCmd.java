package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin|bucket [span=] [bins=100] [start=] [end=] field [AS new]}. {@code _time} snaps to the span's
 * bucket start (aligned in the search time zone); other numeric fields become {@code lo-hi} ranges. With
 * bins and no span the span is chosen from the data range: Splunk's auto time spans, or a power of ten
 * for numbers.
 */
public record BinCmd(String field, String as, String span, int bins, Double start, Double end) implements Command {
    static BinCmd parse(Cursor c) {
        String span = null;
        int bins = 100;
        Double start = null, end = null;
        String field = null, as = null, opt;
        while (!c.atCommandEnd()) {
            int p = c.pos();
            if ((opt = c.optionName()) != null) {
                switch (opt) {
                    case "span": span = c.value("a span"); break;
                    case "bins": bins = Parsing.integer(c, opt); break;
                    case "start": start = number(c, opt); break;
                    case "end": end = number(c, opt); break;
                    case "minspan": case "aligntime": c.value("a value"); break;
                    default: throw c.errorAt(p, Parsing.unknownOption("bin", opt, List.of("span", "bins", "start", "end", "minspan")));
                }
                continue;
            }
            if (field == null) field = c.fieldName("a field name");
            else if (c.eatKeyword("as")) as = c.fieldName("a name after AS");
            else throw c.error("AS or the end of bin");
        }
        if (field == null) throw c.error("a field to bin");
        if (bins < 1) throw c.errorAt(c.pos(), "bins must be at least 1, found " + bins);
        return new BinCmd(field, as, span, bins, start, end);
    }

    private static Double number(Cursor c, String opt) {
        int p = c.pos();
        Double d = Values.parseNumber(c.value("a number"));
        if (d == null) throw c.errorAt(p, "expected a number for " + opt);
        return d;
    }

    public Operator open(ExecContext ctx, Operator down) {
        String out = as == null ? field : as;
        boolean time = field.equals("_time");
        if (span != null) {
            if (time) {
                TimeBuckets tb = new TimeBuckets(span, ctx.zone());
                return Ops.map(down, r -> {
                    Double t = Values.toNumber(r.get(field));
                    if (t != null) r.put(out, tb.floor(t));
                    return r;
                });
            }
            double s = Values.parseNumber(span) == null ? dev.vigil.search.time.RelativeTime.spanSeconds(span) : Values.parseNumber(span);
            return Ops.map(down, r -> numeric(r, out, s));
        }
        if (time && !Double.isInfinite(ctx.earliest()) && !Double.isInfinite(ctx.latest())) {
            TimeBuckets tb = new TimeBuckets(TimeBuckets.autoSpan(ctx.earliest(), ctx.latest(), bins), ctx.zone());
            return Ops.map(down, r -> {
                Double t = Values.toNumber(r.get(field));
                if (t != null) r.put(out, tb.floor(t));
                return r;
            });
        }
        return new Operator() {
            final List<Row> rows = new ArrayList<>();
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

            public boolean push(Row r) {
                Double v = Values.toNumber(r.get(field));
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                ctx.charge(r.estimatedBytes());
                rows.add(r);
                return true;
            }

            public void finish() {
                double lo = start != null ? Math.min(start, min) : min, hi = end != null ? Math.max(end, max) : max;
                if (time) {
                    TimeBuckets tb = new TimeBuckets(TimeBuckets.autoSpan(lo, hi + 1, bins), ctx.zone());
                    for (Row r : rows) {
                        Double t = Values.toNumber(r.get(field));
                        if (t != null) r.put(out, tb.floor(t));
                        if (!down.push(r)) break;
                    }
                } else {
                    double s = niceSpan(lo, hi, bins);
                    for (Row r : rows) if (!down.push(numeric(r, out, s))) break;
                }
                down.finish();
            }
        };
    }

    /** The smallest power of ten giving at most {@code bins} buckets over [lo, hi]. */
    static double niceSpan(double lo, double hi, int bins) {
        if (!(hi > lo)) return 1;
        double s = Math.pow(10, Math.ceil(Math.log10((hi - lo) / bins)));
        while (Math.floor(hi / s) - Math.floor(lo / s) + 1 > bins) s *= 10;
        return s;
    }

    private Row numeric(Row r, String out, double s) {
        Double v = Values.toNumber(r.get(field));
        if (v == null) return r;
        double lo = Math.floor(v / s) * s;
        r.put(out, Values.formatNumber(lo) + "-" + Values.formatNumber(lo + s));
        return r;
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("bin");
        if (span != null) b.append(" span=").append(span);
        else b.append(" bins=").append(bins);
        if (start != null) b.append(" start=").append(Values.formatNumber(start));
        if (end != null) b.append(" end=").append(Values.formatNumber(end));
        b.append(' ').append(Parsing.quoteIfNeeded(field));
        if (as != null) b.append(" AS ").append(Parsing.quoteIfNeeded(as));
        return b.toString();
    }
}

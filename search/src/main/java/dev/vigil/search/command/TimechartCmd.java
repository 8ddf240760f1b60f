package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code timechart [span=] [bins=100] [limit=10] [useother=t] [otherstr=OTHER] [usenull=t] [nullstr=NULL]
 * agg [BY field]}: one row per time bucket ({@code _time} = bucket start, {@code _span} its length), one
 * column per aggregate or, with BY, per series value. Series beyond {@code limit} (ranked by the sum of
 * their values) fold into OTHER; buckets without events are filled across the search range, count-like
 * functions with 0.
 */
public record TimechartCmd(String span, int bins, int limit, boolean useOther, String otherStr, boolean useNull,
                           String nullStr, List<Agg> aggs, String by) implements Command {
    public TimechartCmd { aggs = List.copyOf(aggs); }

    static TimechartCmd parse(Cursor c) {
        String span = null, otherStr = "OTHER", nullStr = "NULL";
        int bins = 100, limit = 10;
        boolean useOther = true, useNull = true;
        String opt;
        while ((opt = c.optionName()) != null) {
            switch (opt) {
                case "span": span = c.value("a span such as 1h"); break;
                case "bins": bins = Parsing.integer(c, opt); break;
                case "limit": limit = Parsing.integer(c, opt); break;
                case "useother": useOther = Parsing.bool(c, opt); break;
                case "usenull": useNull = Parsing.bool(c, opt); break;
                case "otherstr": otherStr = c.value("a string"); break;
                case "nullstr": nullStr = c.value("a string"); break;
                case "cont": case "partial": case "fixedrange": Parsing.bool(c, opt); break;
                default: throw c.errorAt(c.pos(), Parsing.unknownOption("timechart", opt,
                        List.of("span", "bins", "limit", "useother", "usenull", "otherstr", "nullstr", "cont", "partial")));
            }
        }
        if (span != null) {
            try {
                new TimeBuckets(span, java.time.ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                throw c.errorAt(c.pos(), "invalid span '" + span + "': " + e.getMessage());
            }
        }
        List<Agg> aggs = AggParser.aggs(c, "timechart", Set.of("by"));
        String by = null;
        if (c.eatKeyword("by")) by = c.fieldName("a field name after BY");
        while ((opt = c.optionName()) != null) {
            switch (opt) {
                case "limit": limit = Parsing.integer(c, opt); break;
                case "useother": useOther = Parsing.bool(c, opt); break;
                case "usenull": useNull = Parsing.bool(c, opt); break;
                case "otherstr": otherStr = c.value("a string"); break;
                case "nullstr": nullStr = c.value("a string"); break;
                default: throw c.errorAt(c.pos(), Parsing.unknownOption("timechart BY clause", opt,
                        List.of("limit", "useother", "usenull", "otherstr", "nullstr")));
            }
        }
        if (!c.atCommandEnd()) throw c.error("BY, an option or the end of timechart");
        return new TimechartCmd(span, bins, limit, useOther, otherStr, useNull, nullStr, aggs, by);
    }

    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            // fixed buckets when the span is known; otherwise cells start at 1s and coarsen (along Splunk's auto
            // spans, each dividing the next) as the events' range grows, and are re-bucketed at the end
            TimeBuckets tb = new TimeBuckets(bounded(ctx) || span != null ? resolvedSpan(ctx) : "1s", ctx.zone());
            final boolean adaptive = span == null && !bounded(ctx);
            Map<Double, Map<String, Agg.Acc[]>> cells = new HashMap<>();
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            double lastT = Double.NaN, lastB;

            public boolean push(Row r) {
                Double t = r.time();
                if (t == null) return true;
                String s = series(r);
                if (s == null) return true;
                double b;
                if (t == lastT) b = lastB;
                else { b = tb.floor(t); lastT = t; lastB = b; }
                Map<String, Agg.Acc[]> bySeries = cells.get(b);
                if (bySeries == null) {
                    if (adaptive && cells.size() >= COARSEN_AT) {
                        coarsen(Math.min(min, t), Math.max(max, t));
                        b = tb.floor(t);
                        lastT = Double.NaN;
                    }
                    bySeries = cells.computeIfAbsent(b, k -> new HashMap<>());
                    ctx.charge(128);
                }
                Agg.Acc[] accs = bySeries.get(s);
                if (accs == null) {
                    accs = newAccs();
                    bySeries.put(s, accs);
                    ctx.charge(96 + 2L * s.length() + 96L * accs.length);
                }
                long bytes = 0;
                for (Agg.Acc a : accs) bytes += a.add(r, ctx);
                if (bytes > 0) ctx.charge(bytes);
                if (t < min) min = t;
                if (t > max) max = t;
                return true;
            }

            /** Re-buckets the cells into the auto span of [lo, hi] (or the next coarser one) when it is coarser. */
            private void coarsen(double lo, double hi) {
                String target = TimeBuckets.autoSpan(lo, hi + 1, Math.max(1, bins));
                if (dev.vigil.search.time.RelativeTime.spanSeconds(target) <= tb.seconds()) {
                    target = TimeBuckets.coarser(tb.seconds());
                    if (target == null) return;
                }
                TimeBuckets next = new TimeBuckets(target, ctx.zone());
                Map<Double, Map<String, Agg.Acc[]>> merged = new HashMap<>();
                for (Map.Entry<Double, Map<String, Agg.Acc[]>> cell : cells.entrySet()) {
                    Map<String, Agg.Acc[]> into = merged.computeIfAbsent(next.floor(cell.getKey()), k -> new HashMap<>());
                    for (Map.Entry<String, Agg.Acc[]> e : cell.getValue().entrySet()) {
                        Agg.Acc[] accs = into.get(e.getKey());
                        if (accs == null) into.put(e.getKey(), e.getValue());
                        else for (int i = 0; i < accs.length; i++) accs[i].merge(e.getValue()[i]);
                    }
                }
                cells = merged;
                tb = next;
            }

            public void finish() {
                emit(ctx, cells, tb, min, max, down);
                down.finish();
            }
        };
    }

    /** Distinct cells an unbounded timechart without span= holds before coarsening them. */
    static final int COARSEN_AT = 4096;

    private void emit(ExecContext ctx, Map<Double, Map<String, Agg.Acc[]>> cells, TimeBuckets fine, double min,
                      double max, Operator down) {
        if (cells.isEmpty() && (Double.isInfinite(ctx.earliest()) || Double.isInfinite(ctx.latest()))) return;
        double from = Double.isInfinite(ctx.earliest()) ? min : ctx.earliest();
        double to = Double.isInfinite(ctx.latest()) ? max + 1 : ctx.latest();
        TimeBuckets tb = span != null || bounded(ctx) ? fine
                : new TimeBuckets(TimeBuckets.autoSpan(from, to, Math.max(1, bins)), ctx.zone());
        if (tb.seconds() < fine.seconds()) tb = fine; // cells already coarser than the auto span (bins > 4096)
        // series ranked by the aggregate over the whole range; the rest fold into OTHER
        SeriesLimit sl = SeriesLimit.of(cells.values(), aggs.get(0), by != null, limit, useOther, nullStr, otherStr,
                String::compareTo);
        List<String> series = sl.columns();
        Set<String> kept = sl.kept();
        boolean other = sl.other();
        TreeMap<Double, Map<String, Agg.Acc[]>> buckets = new TreeMap<>();
        if (!Double.isInfinite(from) && !Double.isInfinite(to)) {
            int guard = 0;
            for (double b = tb.floor(from); b < to && guard < 1_000_000; b = tb.next(b), guard++) {
                buckets.put(b, new HashMap<>());
            }
        }
        for (Map.Entry<Double, Map<String, Agg.Acc[]>> cell : cells.entrySet()) {
            Map<String, Agg.Acc[]> target = buckets.computeIfAbsent(tb.floor(cell.getKey()), k -> new HashMap<>());
            for (Map.Entry<String, Agg.Acc[]> e : cell.getValue().entrySet()) {
                String s = e.getKey();
                if (by != null && !kept.contains(s)) {
                    if (!other) continue;
                    s = otherStr;
                }
                Agg.Acc[] accs = target.computeIfAbsent(s, k -> newAccs());
                for (int i = 0; i < accs.length; i++) accs[i].merge(e.getValue()[i]);
            }
        }
        for (Map.Entry<Double, Map<String, Agg.Acc[]>> e : buckets.entrySet()) {
            Row out = new Row().put("_time", e.getKey());
            if (by == null) {
                Agg.Acc[] accs = e.getValue().getOrDefault("", newAccs());
                for (int i = 0; i < aggs.size(); i++) out.put(aggs.get(i).name(), fill(aggs.get(i), accs[i].result()));
            } else {
                for (int i = 0; i < aggs.size(); i++) {
                    for (String s : series) {
                        Agg.Acc[] accs = e.getValue().get(s);
                        Object v = accs == null ? null : accs[i].result();
                        String col = aggs.size() == 1 ? s : aggs.get(i).name() + ": " + s;
                        out.put(col, fill(aggs.get(i), v));
                    }
                }
            }
            out.put("_span", (double) tb.seconds());
            if (!down.push(out)) return;
        }
    }

    /**
     * True when an index histogram of {@code spanSeconds} buckets (aligned to multiples of the span since the
     * epoch) can stand in for this timechart: a bare count, a span in seconds/minutes/hours, and a time zone
     * whose offset is a whole number of spans (so local alignment equals epoch alignment).
     */
    public Long pushdownSpan(ExecContext ctx) {
        if (aggs.size() != 1 || !aggs.get(0).function().matches("count|c") || aggs.get(0).field() != null
                || aggs.get(0).expr() != null) return null;
        if (span == null && !bounded(ctx)) return null;
        String sp = resolvedSpan(ctx);
        String unit = dev.vigil.search.time.RelativeTime.spanUnit(sp);
        long secs = dev.vigil.search.time.RelativeTime.spanSeconds(sp);
        boolean daily = unit.equals("d") && secs == 86400;
        if (!unit.equals("s") && !unit.equals("m") && !unit.equals("h") && !daily) return null;
        if (!ctx.zone().getRules().isFixedOffset()) return null;
        long off = ctx.zone().getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds();
        return off % secs == 0 ? secs : null;
    }

    /** Emits this timechart from an index histogram (see {@link #pushdownSpan}). */
    public void emitCounts(ExecContext ctx, java.util.SortedMap<Long, Map<String, Long>> hist, Operator down) {
        TimeBuckets tb = new TimeBuckets(resolvedSpan(ctx), ctx.zone());
        Map<Double, Map<String, Agg.Acc[]>> cells = new HashMap<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Long, Map<String, Long>> e : hist.entrySet()) {
            double b = e.getKey();
            for (Map.Entry<String, Long> s : e.getValue().entrySet()) {
                String series = by == null ? "" : s.getKey().equals("NULL") ? (useNull ? nullStr : null) : s.getKey();
                if (series == null || s.getValue() == 0) continue;
                Agg.Acc[] accs = cells.computeIfAbsent(b, k -> new HashMap<>()).computeIfAbsent(series, k -> newAccs());
                accs[0].addCount(s.getValue());
                min = Math.min(min, b);
                max = Math.max(max, b + tb.seconds() - 1);
            }
        }
        emit(ctx, cells, tb, min, max, down);
        down.finish();
    }

    private static boolean bounded(ExecContext ctx) {
        return !Double.isInfinite(ctx.earliest()) && !Double.isInfinite(ctx.latest());
    }

    /** The span written, or the auto span for the search range. */
    private String resolvedSpan(ExecContext ctx) {
        return span != null ? span : TimeBuckets.autoSpan(ctx.earliest(), ctx.latest(), Math.max(1, bins));
    }

    private String series(Row r) {
        if (by == null) return "";
        Object v = r.get(by);
        if (v == null) return useNull ? nullStr : null;
        return Values.toStr(v);
    }

    private Agg.Acc[] newAccs() {
        Agg.Acc[] a = new Agg.Acc[aggs.size()];
        for (int i = 0; i < a.length; i++) a[i] = aggs.get(i).newAcc();
        return a;
    }

    /** count and dc show 0 in a bucket without events; other functions show nothing. */
    static Object fill(Agg a, Object v) {
        if (v != null) return v;
        String f = a.function();
        return f.equals("count") || f.equals("c") || f.equals("dc") || f.equals("distinct_count") ? (Object) 0.0 : null;
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("timechart");
        if (span != null) b.append(" span=").append(span);
        else if (bins != 100) b.append(" bins=").append(bins);
        if (limit != 10) b.append(" limit=").append(limit);
        if (!useOther) b.append(" useother=f");
        if (!otherStr.equals("OTHER")) b.append(" otherstr=").append(Parsing.quoteIfNeeded(otherStr));
        if (!useNull) b.append(" usenull=f");
        if (!nullStr.equals("NULL")) b.append(" nullstr=").append(Parsing.quoteIfNeeded(nullStr));
        b.append(' ').append(AggParser.spl(aggs, List.of()));
        if (by != null) b.append(" BY ").append(Parsing.quoteIfNeeded(by));
        return b.toString();
    }
}

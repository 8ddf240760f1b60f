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

/**
 * {@code chart [limit=10] [useother=t] [usenull=t] agg OVER x [BY y]} (or {@code agg BY x [y]}): one row per
 * value of x (sorted), one column per aggregate or, with y, per value of y (top {@code limit} by the sum of
 * their values, the rest as OTHER). Events lacking x are dropped; lacking y go to NULL.
 */
public record ChartCmd(int limit, boolean useOther, String otherStr, boolean useNull, String nullStr, List<Agg> aggs,
                       String over, String by) implements Command {
    public ChartCmd { aggs = List.copyOf(aggs); }

    static ChartCmd parse(Cursor c) {
        int limit = 10;
        boolean useOther = true, useNull = true;
        String otherStr = "OTHER", nullStr = "NULL", opt;
        while ((opt = c.optionName()) != null) {
            switch (opt) {
                case "limit": limit = Parsing.integer(c, opt); break;
                case "useother": useOther = Parsing.bool(c, opt); break;
                case "usenull": useNull = Parsing.bool(c, opt); break;
                case "otherstr": otherStr = c.value("a string"); break;
                case "nullstr": nullStr = c.value("a string"); break;
                case "cont": case "agg": c.value("a value"); break;
                default: throw c.errorAt(c.pos(), Parsing.unknownOption("chart", opt,
                        List.of("limit", "useother", "usenull", "otherstr", "nullstr")));
            }
        }
        List<Agg> aggs = AggParser.aggs(c, "chart", Set.of("by", "over"));
        String over = null, by = null;
        if (c.eatKeyword("over")) {
            over = c.fieldName("a field after OVER");
            if (c.eatKeyword("by")) by = c.fieldName("a field after BY");
        } else if (c.eatKeyword("by")) {
            over = c.fieldName("a field after BY");
            c.eat(",");
            if (!c.atCommandEnd() && c.optionName() == null) by = c.fieldName("a second field after BY");
        }
        while ((opt = c.optionName()) != null) {
            switch (opt) {
                case "limit": limit = Parsing.integer(c, opt); break;
                case "useother": useOther = Parsing.bool(c, opt); break;
                case "usenull": useNull = Parsing.bool(c, opt); break;
                default: throw c.errorAt(c.pos(), Parsing.unknownOption("chart", opt, List.of("limit", "useother", "usenull")));
            }
        }
        if (!c.atCommandEnd()) throw c.error("OVER, BY or the end of chart");
        return new ChartCmd(limit, useOther, otherStr, useNull, nullStr, aggs, over, by);
    }

    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            final Map<String, Map<String, Agg.Acc[]>> cells = new HashMap<>();

            public boolean push(Row r) {
                String x = over == null ? "" : Values.toStr(r.get(over));
                if (x == null) return true;
                String y = "";
                if (by != null) {
                    y = Values.toStr(r.get(by));
                    if (y == null) {
                        if (!useNull) return true;
                        y = nullStr;
                    }
                }
                Agg.Acc[] accs = cells.computeIfAbsent(x, k -> new HashMap<>()).get(y);
                if (accs == null) {
                    accs = new Agg.Acc[aggs.size()];
                    for (int i = 0; i < accs.length; i++) accs[i] = aggs.get(i).newAcc();
                    cells.get(x).put(y, accs);
                    ctx.charge(200);
                }
                for (Agg.Acc a : accs) ctx.charge(a.add(r, ctx));
                return true;
            }

            public void finish() {
                emit(cells, down);
                down.finish();
            }
        };
    }

    private void emit(Map<String, Map<String, Agg.Acc[]>> cells, Operator down) {
        if (over == null && cells.isEmpty()) cells.put("", new HashMap<>());
        SeriesLimit sl = SeriesLimit.of(cells.values(), aggs.get(0), by != null, limit, useOther, nullStr, otherStr,
                Values::compare);
        List<String> series = sl.columns();
        Set<String> kept = sl.kept();
        boolean other = sl.other();
        List<String> xs = new ArrayList<>(cells.keySet());
        xs.sort(Values::compare);
        for (String x : xs) {
            Row out = new Row();
            if (over != null) out.put(over, x);
            Map<String, Agg.Acc[]> row = cells.get(x);
            if (by == null) {
                Agg.Acc[] accs = row.get("");
                for (int i = 0; i < aggs.size(); i++) {
                    out.put(aggs.get(i).name(), TimechartCmd.fill(aggs.get(i), accs == null ? null : accs[i].result()));
                }
            } else {
                Map<String, Agg.Acc[]> merged = new HashMap<>();
                for (Map.Entry<String, Agg.Acc[]> e : row.entrySet()) {
                    String s = kept.contains(e.getKey()) ? e.getKey() : other ? otherStr : null;
                    if (s == null) continue;
                    Agg.Acc[] accs = merged.computeIfAbsent(s, k -> {
                        Agg.Acc[] a = new Agg.Acc[aggs.size()];
                        for (int i = 0; i < a.length; i++) a[i] = aggs.get(i).newAcc();
                        return a;
                    });
                    for (int i = 0; i < accs.length; i++) accs[i].merge(e.getValue()[i]);
                }
                for (int i = 0; i < aggs.size(); i++) {
                    for (String s : series) {
                        Agg.Acc[] accs = merged.get(s);
                        String col = aggs.size() == 1 ? s : aggs.get(i).name() + ": " + s;
                        out.put(col, TimechartCmd.fill(aggs.get(i), accs == null ? null : accs[i].result()));
                    }
                }
            }
            if (!down.push(out)) return;
        }
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("chart");
        if (limit != 10) b.append(" limit=").append(limit);
        if (!useOther) b.append(" useother=f");
        if (!useNull) b.append(" usenull=f");
        b.append(' ').append(AggParser.spl(aggs, List.of()));
        if (over != null) b.append(" OVER ").append(Parsing.quoteIfNeeded(over));
        if (by != null) b.append(" BY ").append(Parsing.quoteIfNeeded(by));
        return b.toString();
    }
}

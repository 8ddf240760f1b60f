package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code streamstats [current=t] [window=0] aggs [BY f]}: running aggregates over the rows seen so far
 * (in arrival order) in each group; {@code window=N} keeps only the last N rows; {@code current=f}
 * excludes the row itself.
 */
public record StreamstatsCmd(boolean current, int window, List<Agg> aggs, List<String> by) implements Command {
    public StreamstatsCmd { aggs = List.copyOf(aggs); by = List.copyOf(by); }

    static StreamstatsCmd parse(Cursor c) {
        boolean current = true;
        int window = 0;
        String opt;
        while ((opt = c.optionName()) != null) {
            switch (opt) {
                case "current": current = Parsing.bool(c, opt); break;
                case "window": window = Parsing.integer(c, opt); break;
                case "global": case "reset_on_change": case "allnum": Parsing.bool(c, opt); break;
                default: throw c.errorAt(c.pos(), Parsing.unknownOption("streamstats", opt,
                        List.of("current", "window", "global", "allnum", "reset_on_change")));
            }
        }
        List<Agg> aggs = AggParser.aggs(c, "streamstats", Set.of("by"));
        List<String> by = AggParser.by(c);
        if (!c.atCommandEnd()) throw c.error("',' , BY or the end of streamstats");
        return new StreamstatsCmd(current, window, aggs, by);
    }

    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            final Map<List<Object>, ArrayDeque<Row>> windows = new HashMap<>();
            final Map<List<Object>, Agg.Acc[]> running = new HashMap<>();

            public boolean push(Row r) {
                List<List<Object>> keys = Groups.keys(r, by);
                if (keys.isEmpty()) return down.push(r);
                List<Object> key = keys.get(0);
                Object[] vals;
                if (window > 0) {
                    ArrayDeque<Row> w = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
                    if (current) { w.addLast(r.copy()); if (w.size() > window) w.removeFirst(); }
                    vals = compute(w);
                    if (!current) { w.addLast(r.copy()); if (w.size() > window) w.removeFirst(); }
                } else {
                    Agg.Acc[] accs = running.computeIfAbsent(key, k -> {
                        Agg.Acc[] a = new Agg.Acc[aggs.size()];
                        for (int i = 0; i < a.length; i++) a[i] = aggs.get(i).newAcc();
                        return a;
                    });
                    if (current) for (Agg.Acc a : accs) ctx.charge(a.add(r, ctx));
                    vals = new Object[aggs.size()];
                    for (int i = 0; i < vals.length; i++) vals[i] = accs[i].result();
                    if (!current) for (Agg.Acc a : accs) ctx.charge(a.add(r, ctx));
                }
                for (int i = 0; i < vals.length; i++) if (vals[i] != null) r.put(aggs.get(i).name(), vals[i]);
                return down.push(r);
            }

            private Object[] compute(ArrayDeque<Row> w) {
                Agg.Acc[] a = new Agg.Acc[aggs.size()];
                for (int i = 0; i < a.length; i++) a[i] = aggs.get(i).newAcc();
                for (Row x : w) for (Agg.Acc acc : a) acc.add(x, ctx);
                Object[] vals = new Object[a.length];
                for (int i = 0; i < a.length; i++) vals[i] = a[i].result();
                return vals;
            }

            public void finish() { down.finish(); }
        };
    }

    public String toSpl() {
        return "streamstats current=" + (current ? "t" : "f") + " window=" + window + " " + AggParser.spl(aggs, by);
    }
}

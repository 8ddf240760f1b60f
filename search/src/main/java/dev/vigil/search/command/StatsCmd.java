package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code stats} and {@code eventstats}. stats emits one row per BY combination (BY columns then the
 * aggregates, sorted by the BY values) and drops events whose BY field is null; without BY it emits one
 * row even for no events. eventstats adds the group's aggregates to every event instead.
 */
public record StatsCmd(boolean eventstats, List<Agg> aggs, List<String> by) implements Command {
    public StatsCmd { aggs = List.copyOf(aggs); by = List.copyOf(by); }

    static StatsCmd parse(Cursor c, boolean eventstats) {
        String name = eventstats ? "eventstats" : "stats";
        while (c.optionName() != null) c.value("an option value"); // allnum=, delim=, partitions=: accepted, ignored
        List<Agg> aggs = AggParser.aggs(c, name, Set.of("by"));
        List<String> by = AggParser.by(c);
        if (!c.atCommandEnd()) throw c.error("',' , BY or the end of " + name);
        return new StatsCmd(eventstats, aggs, by);
    }

    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            final Map<List<Object>, Agg.Acc[]> groups = new HashMap<>();
            final List<Row> held = new ArrayList<>();

            public boolean push(Row r) {
                List<Object> single = Groups.singleKey(r, by);
                if (single != null) add(single, r);
                else for (List<Object> k : Groups.keys(r, by)) add(k, r);
                if (eventstats) {
                    ctx.charge(r.estimatedBytes());
                    held.add(r);
                }
                return true;
            }

            private void add(List<Object> key, Row r) {
                Agg.Acc[] accs = groups.get(key);
                if (accs == null) {
                    accs = new Agg.Acc[aggs.size()];
                    for (int i = 0; i < accs.length; i++) accs[i] = aggs.get(i).newAcc();
                    groups.put(key, accs);
                    ctx.charge(96 + 64L * key.size() + 96L * accs.length);
                }
                long bytes = 0;
                for (Agg.Acc a : accs) bytes += a.add(r, ctx);
                if (bytes > 0) ctx.charge(bytes);
            }

            public void finish() {
                if (eventstats) finishEventstats();
                else finishStats();
                down.finish();
            }

            private void finishStats() {
                if (by.isEmpty() && groups.isEmpty()) {
                    Agg.Acc[] accs = new Agg.Acc[aggs.size()];
                    for (int i = 0; i < accs.length; i++) accs[i] = aggs.get(i).newAcc();
                    groups.put(List.of(), accs);
                }
                List<List<Object>> keys = new ArrayList<>(groups.keySet());
                keys.sort(Groups.ORDER);
                for (List<Object> k : keys) {
                    Row out = new Row();
                    for (int i = 0; i < by.size(); i++) out.put(by.get(i), k.get(i));
                    Agg.Acc[] accs = groups.get(k);
                    for (int i = 0; i < accs.length; i++) out.put(aggs.get(i).name(), accs[i].result());
                    if (!down.push(out)) return;
                }
            }

            private void finishEventstats() {
                Map<List<Object>, Object[]> results = new HashMap<>();
                for (Map.Entry<List<Object>, Agg.Acc[]> e : groups.entrySet()) {
                    Object[] vals = new Object[aggs.size()];
                    for (int i = 0; i < vals.length; i++) vals[i] = e.getValue()[i].result();
                    results.put(e.getKey(), vals);
                }
                for (Row r : held) {
                    List<List<Object>> keys = Groups.keys(r, by);
                    if (!keys.isEmpty()) {
                        Object[] vals = results.get(keys.get(0));
                        for (int i = 0; i < vals.length; i++) if (vals[i] != null) r.put(aggs.get(i).name(), vals[i]);
                    }
                    if (!down.push(r)) return;
                }
            }
        };
    }

    public String toSpl() { return (eventstats ? "eventstats " : "stats ") + AggParser.spl(aggs, by); }
}

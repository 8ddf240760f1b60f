package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code top}/{@code rare [N] [limit=10] [countfield=count] [percentfield=percent] [showcount=t]
 * [showperc=t] [useother=f] [otherstr=OTHER] fields [BY f]}: the most (least) common value combinations
 * with their count and percent (of events having all the fields, six decimals as Splunk prints it).
 */
public record TopCmd(boolean rare, int limit, String countField, String percentField, boolean showCount,
                     boolean showPerc, boolean useOther, String otherStr, List<String> fields, List<String> by)
        implements Command {
    public TopCmd { fields = List.copyOf(fields); by = List.copyOf(by); }

    static TopCmd parse(Cursor c, boolean rare) {
        String name = rare ? "rare" : "top";
        int limit = 10;
        String countField = "count", percentField = "percent", otherStr = "OTHER";
        boolean showCount = true, showPerc = true, useOther = false;
        String n = null;
        int p = c.pos();
        String w = c.word(",|()=");
        if (w != null && w.chars().allMatch(Character::isDigit)) n = w;
        else c.reset(p);
        if (n != null) limit = Integer.parseInt(n);
        List<String> fields = new ArrayList<>();
        List<String> by = List.of();
        while (!c.atCommandEnd()) {
            String opt = c.optionName();
            if (opt != null) {
                switch (opt) {
                    case "limit": limit = Parsing.integer(c, opt); break;
                    case "countfield": countField = c.value("a field name"); break;
                    case "percentfield": percentField = c.value("a field name"); break;
                    case "showcount": showCount = Parsing.bool(c, opt); break;
                    case "showperc": showPerc = Parsing.bool(c, opt); break;
                    case "useother": useOther = Parsing.bool(c, opt); break;
                    case "otherstr": otherStr = c.value("a string"); break;
                    default: throw c.errorAt(c.pos(), Parsing.unknownOption(name, opt, List.of("limit", "countfield",
                            "percentfield", "showcount", "showperc", "useother", "otherstr")));
                }
                continue;
            }
            if (c.peekKeyword("by")) {
                by = AggParser.by(c);
                continue;
            }
            fields.addAll(Parsing.fields(c, Set.of("by"), "a field name"));
        }
        if (fields.isEmpty()) throw c.error("a field list for " + name);
        return new TopCmd(rare, limit, countField, percentField, showCount, showPerc, useOther, otherStr, fields, by);
    }

    public Operator open(ExecContext ctx, Operator down) {
        List<String> all = new ArrayList<>(by);
        all.addAll(fields);
        return new Operator() {
            final Map<List<Object>, Map<List<Object>, long[]>> groups = new LinkedHashMap<>();
            final Map<List<Object>, long[]> totals = new HashMap<>();

            public boolean push(Row r) {
                List<Object> single = Groups.singleKey(r, all);
                List<List<Object>> keys = single != null ? List.of(single) : Groups.keys(r, all);
                for (List<Object> k : keys) {
                    List<Object> g = k.subList(0, by.size()), v = k.subList(by.size(), k.size());
                    Map<List<Object>, long[]> m = groups.computeIfAbsent(new ArrayList<>(g), x -> new LinkedHashMap<>());
                    long[] cnt = m.get(v);
                    if (cnt == null) {
                        cnt = new long[1];
                        m.put(new ArrayList<>(v), cnt);
                        ctx.charge(120 + 64L * k.size());
                    }
                    cnt[0]++;
                    totals.computeIfAbsent(g, x -> new long[1])[0]++;
                }
                return true;
            }

            public void finish() {
                List<List<Object>> gs = new ArrayList<>(groups.keySet());
                gs.sort(Groups.ORDER);
                outer:
                for (List<Object> g : gs) {
                    List<Map.Entry<List<Object>, long[]>> entries = new ArrayList<>(groups.get(g).entrySet());
                    entries.sort((a, b) -> {
                        int c = rare ? Long.compare(a.getValue()[0], b.getValue()[0])
                                : Long.compare(b.getValue()[0], a.getValue()[0]);
                        return c != 0 ? c : Groups.ORDER.compare(a.getKey(), b.getKey()); // ties by value
                    });
                    long total = totals.get(g)[0];
                    int n = limit == 0 ? entries.size() : Math.min(limit, entries.size());
                    long shown = 0;
                    for (int i = 0; i < n; i++) {
                        Map.Entry<List<Object>, long[]> e = entries.get(i);
                        shown += e.getValue()[0];
                        if (!down.push(row(g, e.getKey(), e.getValue()[0], total))) break outer;
                    }
                    if (useOther && entries.size() > n) {
                        List<Object> other = new ArrayList<>();
                        for (int i = 0; i < fields.size(); i++) other.add(otherStr);
                        if (!down.push(row(g, other, total - shown, total))) break;
                    }
                }
                down.finish();
            }

            private Row row(List<Object> g, List<Object> v, long count, long total) {
                Row out = new Row();
                for (int i = 0; i < by.size(); i++) out.put(by.get(i), g.get(i));
                for (int i = 0; i < fields.size(); i++) out.put(fields.get(i), v.get(i));
                if (showCount) out.put(countField, (double) count);
                if (showPerc) out.put(percentField, String.format(Locale.ROOT, "%.6f", 100.0 * count / total));
                return out;
            }
        };
    }

    /** True when an index's counts by value of one field can stand in for this command. */
    public boolean pushdownField() {
        return fields.size() == 1 && by.isEmpty();
    }

    /** Emits this top/rare from counts by value of its single field (see {@link #pushdownField}). */
    public void emitCounts(Map<String, Long> counts, Operator down) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> {
            int c = rare ? Long.compare(a.getValue(), b.getValue()) : Long.compare(b.getValue(), a.getValue());
            return c != 0 ? c : dev.vigil.search.value.Values.compare(a.getKey(), b.getKey());
        });
        long total = 0;
        for (Map.Entry<String, Long> e : entries) total += e.getValue();
        int n = limit == 0 ? entries.size() : Math.min(limit, entries.size());
        long shown = 0;
        for (int i = 0; i < n; i++) {
            Map.Entry<String, Long> e = entries.get(i);
            shown += e.getValue();
            if (!down.push(countRow(e.getKey(), e.getValue(), total))) { down.finish(); return; }
        }
        if (useOther && entries.size() > n) down.push(countRow(otherStr, total - shown, total));
        down.finish();
    }

    private Row countRow(String value, long count, long total) {
        Row out = new Row().put(fields.get(0), value);
        if (showCount) out.put(countField, (double) count);
        if (showPerc) out.put(percentField, String.format(Locale.ROOT, "%.6f", 100.0 * count / total));
        return out;
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder(rare ? "rare" : "top");
        b.append(" limit=").append(limit);
        if (!countField.equals("count")) b.append(" countfield=").append(countField);
        if (!percentField.equals("percent")) b.append(" percentfield=").append(percentField);
        if (!showCount) b.append(" showcount=f");
        if (!showPerc) b.append(" showperc=f");
        if (useOther) b.append(" useother=t");
        if (!otherStr.equals("OTHER")) b.append(" otherstr=").append(Parsing.quoteIfNeeded(otherStr));
        b.append(' ').append(Parsing.join(fields));
        if (!by.isEmpty()) b.append(" BY ").append(Parsing.join(by));
        return b.toString();
    }
}

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
 * {@code dedup [N] fields [keepevents=f] [keepempty=f] [consecutive=f] [sortby ...]}: keeps the first N rows of
 * each value combination. Rows missing any of the fields are dropped unless keepempty=true; consecutive=true
 * removes only runs of adjacent duplicates; sortby sorts the survivors.
 */
public record DedupCmd(int count, List<String> fields, boolean keepEvents, boolean keepEmpty, boolean consecutive,
                       SortCmd sortBy) implements Command {
    public DedupCmd { fields = List.copyOf(fields); }

    static DedupCmd parse(Cursor c) {
        int count = 1;
        int p = c.pos();
        String w = c.word(",|()=");
        if (w != null && w.chars().allMatch(Character::isDigit)) count = Integer.parseInt(w);
        else c.reset(p);
        boolean keepEvents = false, keepEmpty = false, consecutive = false;
        List<String> fields = new ArrayList<>();
        SortCmd sortBy = null;
        while (!c.atCommandEnd()) {
            String opt = c.optionName();
            if (opt != null) {
                switch (opt) {
                    case "keepevents": keepEvents = Parsing.bool(c, opt); break;
                    case "keepempty": keepEmpty = Parsing.bool(c, opt); break;
                    case "consecutive": consecutive = Parsing.bool(c, opt); break;
                    default: throw c.errorAt(c.pos(), Parsing.unknownOption("dedup", opt,
                            List.of("keepevents", "keepempty", "consecutive")));
                }
                continue;
            }
            if (c.eatKeyword("sortby")) {
                SortCmd s = SortCmd.parse(c);
                sortBy = new SortCmd(0, s.keys(), s.reverse());
                break;
            }
            fields.addAll(Parsing.fields(c, Set.of("sortby"), "a field name"));
        }
        if (fields.isEmpty()) throw c.error("a field list for dedup");
        return new DedupCmd(count, fields, keepEvents, keepEmpty, consecutive, sortBy);
    }

    public Operator open(ExecContext ctx, Operator down0) {
        Operator down = sortBy == null ? down0 : sortBy.open(ctx, down0);
        return new Operator() {
            final Map<List<String>, int[]> seen = new HashMap<>();
            List<String> previous;

            public boolean push(Row r) {
                List<String> key = new ArrayList<>(fields.size());
                for (String f : fields) {
                    Object v = r.get(f);
                    if (v == null) {
                        key = null;
                        break;
                    }
                    key.add(String.join("\n", Values.strings(v)));
                }
                if (key == null) return !keepEmpty || down.push(r);
                if (consecutive) {
                    boolean dup = key.equals(previous);
                    previous = key;
                    return dup ? (!keepEvents || down.push(stripped(r))) : down.push(r);
                }
                int[] n = seen.get(key);
                if (n == null) {
                    n = new int[1];
                    seen.put(key, n);
                    ctx.charge(64 + 40L * key.size() + key.stream().mapToLong(s -> 2L * s.length()).sum());
                }
                if (n[0]++ < count) return down.push(r);
                return !keepEvents || down.push(stripped(r));
            }

            private Row stripped(Row r) {
                for (String f : fields) r.remove(f);
                return r;
            }

            public void finish() { down.finish(); }
        };
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("dedup ");
        if (count != 1 || fields.get(0).chars().allMatch(Character::isDigit)) b.append(count).append(' ');
        b.append(Parsing.join(fields));
        if (keepEvents) b.append(" keepevents=t");
        if (keepEmpty) b.append(" keepempty=t");
        if (consecutive) b.append(" consecutive=t");
        if (sortBy != null) b.append(" sortby ").append(sortBy.toSpl().replaceFirst("^sort 0 ", ""));
        return b.toString();
    }
}

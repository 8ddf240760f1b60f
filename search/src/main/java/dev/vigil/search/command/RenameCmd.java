package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code rename a AS b, x* AS y*}: renames fields in place; with wildcards each {@code *} of the target
 * takes what the source's {@code *} matched. A rename onto an existing field replaces it.
 */
public record RenameCmd(List<Pair> pairs) implements Command {
    public RenameCmd { pairs = List.copyOf(pairs); }

    /** One {@code from AS to}. */
    public record Pair(String from, String to) {}

    public Operator open(ExecContext ctx, Operator down) {
        return Ops.map(down, r -> {
            for (Pair p : pairs) rename(r, p);
            return r;
        });
    }

    private static void rename(Row r, Pair p) {
        if (p.from.indexOf('*') < 0) {
            if (!r.names().contains(p.from)) return;
            Object v = r.get(p.from);
            replaceKey(r, p.from, p.to, v);
            return;
        }
        for (String n : new ArrayList<>(r.names())) {
            String[] caps = Glob.capture(p.from, n);
            if (caps == null) continue;
            replaceKey(r, n, Glob.fill(p.to, caps), r.get(n));
        }
    }

    /** Renames keeping the field's position among the columns. */
    private static void replaceKey(Row r, String from, String to, Object v) {
        if (from.equals(to)) return;
        Row copy = r.copy();
        for (String n : new ArrayList<>(r.names())) r.remove(n);
        for (String n : copy.names()) {
            if (n.equals(to)) continue;
            if (n.equals(from)) r.put(to, v);
            else r.put(n, copy.get(n));
        }
    }

    public String toSpl() {
        return "rename " + pairs.stream().map(p -> Parsing.quoteIfNeeded(p.from) + " AS " + Parsing.quoteIfNeeded(p.to))
                .collect(Collectors.joining(", "));
    }
}

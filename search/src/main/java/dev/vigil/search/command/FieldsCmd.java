package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fields [+|-] f1, w*}: keep (and order) or remove fields. Keeping leaves {@code _time} and
 * {@code _raw} unless they are removed explicitly, as Splunk does.
 */
public record FieldsCmd(boolean remove, List<String> fields) implements Command {
    public FieldsCmd { fields = List.copyOf(fields); }

    public Operator open(ExecContext ctx, Operator down) {
        List<Glob> globs = new ArrayList<>();
        for (String f : fields) globs.add(new Glob(f, false));
        return Ops.map(down, r -> {
            if (remove) {
                for (String n : new ArrayList<>(r.names())) if (any(globs, n)) r.remove(n);
                return r;
            }
            Row out = new Row();
            for (String f : fields) {
                if (f.indexOf('*') < 0) {
                    if (r.names().contains(f)) out.put(f, r.get(f));
                } else {
                    Glob g = new Glob(f, false);
                    for (String n : r.names()) if (g.matches(n) && !out.names().contains(n)) out.put(n, r.get(n));
                }
            }
            for (String internal : List.of("_time", "_raw")) {
                if (r.names().contains(internal) && !out.names().contains(internal)) out.put(internal, r.get(internal));
            }
            return out;
        });
    }

    private static boolean any(List<Glob> globs, String n) {
        for (Glob g : globs) if (g.matches(n)) return true;
        return false;
    }

    public String toSpl() {
        // a kept field whose name starts with - or + needs the explicit + so it is not read as the mode
        boolean signed = !fields.isEmpty() && (fields.get(0).startsWith("-") || fields.get(0).startsWith("+"));
        return "fields " + (remove ? "- " : signed ? "+ " : "") + Parsing.join(fields);
    }
}

package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Glob;
import java.util.ArrayList;
import java.util.List;

/** {@code table f1, f2, w*}: exactly these columns in this order (wildcards expand in field order). */
public record TableCmd(List<String> fields) implements Command {
    public TableCmd { fields = List.copyOf(fields); }

    public Operator open(ExecContext ctx, Operator down) {
        return Ops.map(down, r -> {
            Row out = new Row();
            for (String f : fields) {
                if (f.indexOf('*') < 0) {
                    out.put(f, r.get(f));
                    continue;
                }
                Glob g = new Glob(f, false);
                for (String n : new ArrayList<>(r.names())) if (g.matches(n) && !out.names().contains(n)) out.put(n, r.get(n));
            }
            return out;
        });
    }

    public String toSpl() { return "table " + Parsing.join(fields); }
}

package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.expr.Expr;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.parse.ExprParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code eval f=expr, g=expr}: assignments applied left to right; a null result removes the field. */
public record EvalCmd(List<Assignment> assignments) implements Command {
    public EvalCmd { assignments = List.copyOf(assignments); }

    /** One {@code field=expression}. */
    public record Assignment(String field, Expr expr) {}

    static EvalCmd parse(Cursor c) {
        List<Assignment> out = new ArrayList<>();
        do {
            if (c.atCommandEnd()) throw c.error("a field=expression assignment");
            String f = c.fieldName("a field name to assign");
            if (!c.eat("=")) throw c.error("'=' after the field name " + f);
            out.add(new Assignment(f, new ExprParser(c).parse()));
        } while (c.eat(","));
        if (!c.atCommandEnd()) throw c.error("',' or the end of eval");
        return new EvalCmd(out);
    }

    public Operator open(ExecContext ctx, Operator down) {
        return Ops.map(down, r -> {
            for (Assignment a : assignments) {
                Object v = a.expr.eval(r, ctx);
                if (v instanceof Boolean) v = null; // Splunk cannot store a boolean in a field
                if (v == null) r.remove(a.field);
                else r.put(a.field, v);
            }
            return r;
        });
    }

    public String toSpl() {
        return "eval " + assignments.stream().map(a -> a.field + "=" + a.expr.toSpl()).collect(Collectors.joining(", "));
    }
}

package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.expr.Expr;
import dev.vigil.search.value.Values;

/** {@code where <expr>}: keeps rows for which the eval expression is true (null is false). */
public record WhereCmd(Expr expr) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        return Ops.filter(down, r -> Values.isTrue(expr.eval(r, ctx)));
    }
    public String toSpl() { return "where " + expr.toSpl(); }
    public String explain() { return "where: keep rows where " + expr.toSpl() + " is true"; }
}

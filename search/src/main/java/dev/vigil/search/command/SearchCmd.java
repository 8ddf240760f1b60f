package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.expr.SearchTerm;

/** {@code search <terms>}: keeps events matching the term tree (see {@link SearchTerm}). */
public record SearchCmd(SearchTerm term) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        if (term instanceof SearchTerm.All) return down;
        return Ops.filter(down, term::matches);
    }
    public String toSpl() { return "search " + term.toSpl(); }
    public String explain() { return "search: keep events matching " + term.toSpl(); }
}

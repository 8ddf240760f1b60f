package dev.vigil.collector.filter;

import dev.vigil.core.event.Event;

/** The condition of {@code if expr then}: true when the expression's value is a non-zero number. */
public record ExpressionFilter(Expr expr) implements Filter {
    @Override
    public boolean matches(Event e) {
        return Values.truth(expr.eval(e));
    }

    @Override
    public String toString() {
        return expr.toString();
    }
}

package dev.vigil.collector.filter;

import dev.vigil.core.event.Event;

/**
 * A RainerScript expression. {@link #eval} yields a {@link String}, a {@link Long} or (for array
 * literals) a {@code String[]}; conversions follow rsyslog's script engine (see {@link Values}).
 */
public interface Expr {
    /** The value of this expression for {@code e}. */
    Object eval(Event e);

    /** True when this expression is a constant (its value does not depend on the event). */
    default boolean constant() {
        return false;
    }
}

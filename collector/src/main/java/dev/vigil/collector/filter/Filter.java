package dev.vigil.collector.filter;

import dev.vigil.core.event.Event;

/** Decides whether a rule applies to an event. Implementations are immutable and thread-safe. */
public interface Filter {
    /** True when the rule's actions should run for {@code e}. */
    boolean matches(Event e);

    /** A filter that accepts everything (rsyslog's {@code *.*} without exceptions). */
    Filter ALL = new Filter() {
        @Override
        public boolean matches(Event e) {
            return true;
        }

        @Override
        public String toString() {
            return "true";
        }
    };
}

package dev.vigil.collector.config;

import dev.vigil.collector.rule.RuleEngine;
import dev.vigil.collector.rule.Statement;
import dev.vigil.core.event.Event;

/** An action whose creation waits until the whole configuration (every template) has been read. */
record Pending(ActionSpec spec) implements Statement {
    @Override
    public boolean run(Event e, RuleEngine engine) {
        throw new IllegalStateException("configuration not finished");
    }
}

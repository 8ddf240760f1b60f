package dev.vigil.collector.rule;

import dev.vigil.core.event.Event;

/**
 * One executable statement of a ruleset. {@link #run} returns false when the event must not be
 * processed any further in this ruleset (rsyslog's {@code stop}, legacy {@code ~}).
 */
public interface Statement {
    /** Runs the statement; false means "stop". */
    boolean run(Event e, RuleEngine engine);
}

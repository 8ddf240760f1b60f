package dev.vigil.collector.rule;

import dev.vigil.core.event.Event;

/** A named list of statements (rsyslog's ruleset; the default one is {@code RSYSLOG_DefaultRuleset}). */
public final class Ruleset {
    /** rsyslog's name of the ruleset that top-level rules belong to. */
    public static final String DEFAULT = "RSYSLOG_DefaultRuleset";
    private final String name;
    private final Statements.Block body = new Statements.Block();

    public Ruleset(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The statements, in order (mutable only while the configuration is being built). */
    public Statements.Block body() {
        return body;
    }

    /** Runs the statements; false when one said stop. */
    boolean run(Event e, RuleEngine engine) {
        return body.run(e, engine);
    }

    @Override
    public String toString() {
        return "ruleset " + name + " " + body;
    }
}

package dev.vigil.collector.pipeline;

import dev.vigil.core.event.Event;
import java.util.ArrayList;

/** Events received together by one input, with the ruleset that input feeds (null: the default one). */
public final class Batch extends ArrayList<Event> {
    private static final long serialVersionUID = 1L;
    private final String ruleset;

    public Batch(int capacity, String ruleset) {
        super(capacity);
        this.ruleset = ruleset;
    }

    public String ruleset() {
        return ruleset;
    }
}

package dev.vigil.collector.pipeline;

import dev.vigil.core.event.Event;

/** What the main queue's worker does with each event: run the rules (or the default output). */
public interface EventProcessor extends AutoCloseable {
    /** Processes one event through {@code ruleset} (null: the default ruleset). */
    void process(Event event, String ruleset);

    /** Pushes buffered output out; called at least once a second and when the queue runs empty. */
    void flush();

    @Override
    void close();
}

package dev.vigil.collector.action;

import dev.vigil.core.event.Event;
import java.io.IOException;

/**
 * What a rule does with a message it selected (rsyslog's action): write a file, forward, store in a
 * database, write to terminals, discard. Called from one worker thread at a time per action.
 */
public interface Action extends AutoCloseable {
    /**
     * Processes one event. Throws {@link ActionException} when the target is unavailable, so the
     * caller can retry or queue per the action's resume settings ($ActionResumeRetryCount).
     */
    void process(Event event) throws ActionException;

    /** Pushes buffered output to its target (called at least once a second and at shutdown). */
    default void flush() throws IOException {
    }

    /** A short description for logs: "omfile /var/log/syslog", "omfwd @@central:514". */
    String describe();

    @Override
    default void close() throws IOException {
        flush();
    }
}

package dev.vigil.collector.action.forward;

import dev.vigil.collector.action.Action;
import dev.vigil.core.event.Event;
import java.io.IOException;

/**
 * An action that can sit behind a {@link QueuedForwardAction}: it renders an event to bytes when the
 * event is queued and sends those bytes later (forwarding, SQL).
 */
public interface QueueableAction extends Action {
    /** The bytes to store for {@code event}. */
    byte[] render(Event event);

    /** Delivers bytes made by {@link #render}; throws when the target is unavailable. */
    void send(byte[] msg, int len) throws IOException;

    /** Checks, before a batch, that the target connection is still usable; drops it if not. */
    default void verifyConnection() throws IOException {
    }
}

package dev.vigil.agent.queue;

import java.io.IOException;

/** The queue holds damaged records that only {@code vigil agent repair-queue} may remove. */
public final class QueueDamagedException extends IOException {
    private static final long serialVersionUID = 1L;

    public QueueDamagedException(String message) {
        super(message);
    }
}

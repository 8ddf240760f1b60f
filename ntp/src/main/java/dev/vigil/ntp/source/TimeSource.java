package dev.vigil.ntp.source;

/** Supplies the server's current {@link ServedTime}; called per packet, so it must be cheap and thread-safe. */
@FunctionalInterface
public interface TimeSource {
    /** The current snapshot. */
    ServedTime current();

    /** The snapshot for system time {@code nowNanos}, which the caller has just read (saves a clock read). */
    default ServedTime current(long nowNanos) {
        return current();
    }

    /** A source that is never synchronized: every reply says LI=3 (RFC 5905 §7.3) so clients refuse it. */
    static TimeSource unsynchronized() {
        ServedTime t = ServedTime.unsynchronized();
        return () -> t;
    }
}

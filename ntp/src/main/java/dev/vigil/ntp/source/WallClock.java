package dev.vigil.ntp.source;

import java.time.Instant;

/** The system's real-time clock as Unix epoch nanoseconds; replaceable in tests (never set, only read). */
@FunctionalInterface
public interface WallClock {
    /** The system clock (CLOCK_REALTIME through {@link Instant#now()}). */
    WallClock SYSTEM = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };

    /** Current time, Unix epoch nanoseconds. */
    long epochNanos();
}

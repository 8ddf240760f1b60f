package dev.vigil.ntp.source;

import dev.vigil.ntp.packet.NtpPacket;

/**
 * Serves the system clock itself at a configured stratum with reference id LOCL, like chrony's
 * {@code local stratum N}: the reference time follows the clock (refreshed each second), root
 * delay is 0 and root dispersion stays small, since nothing better is known.
 */
public final class LocalClockSource implements TimeSource {
    private static final long REFRESH_NANOS = 1_000_000_000L;
    private final int stratum;
    private final WallClock clock;
    private volatile ServedTime current;

    public LocalClockSource(int stratum) {
        this(stratum, WallClock.SYSTEM);
    }

    public LocalClockSource(int stratum, WallClock clock) {
        if (stratum < 1 || stratum > NtpPacket.MAX_STRATUM) {
            throw new IllegalArgumentException("local stratum " + stratum + " is outside 1.." + NtpPacket.MAX_STRATUM);
        }
        this.stratum = stratum;
        this.clock = clock;
        this.current = snapshot(clock.epochNanos());
    }

    @Override
    public ServedTime current() {
        return current(clock.epochNanos());
    }

    @Override
    public ServedTime current(long now) {
        ServedTime t = current;
        if (now - t.referenceEpochNanos > REFRESH_NANOS || now < t.referenceEpochNanos) {
            t = snapshot(now);
            current = t;
        }
        return t;
    }

    private ServedTime snapshot(long now) {
        return new ServedTime(NtpPacket.LEAP_NONE, stratum, NtpPacket.REFID_LOCL, now, 0.0, 0.0, 0L);
    }

    /** The configured stratum. */
    public int stratum() {
        return stratum;
    }
}

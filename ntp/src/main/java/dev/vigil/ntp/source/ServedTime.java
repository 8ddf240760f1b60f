package dev.vigil.ntp.source;

import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.packet.NtpTimestamp;

/**
 * What the server states about its time at one moment (RFC 5905 §7.3 system variables): leap,
 * stratum, reference id and time, root delay and dispersion, and the correction added to the
 * system clock to get served time. Immutable; a source swaps in a new one when it learns more.
 * Root dispersion grows by {@link #PHI} per second since the reference time (RFC 5905 §11.1).
 */
public final class ServedTime {
    /** Frequency tolerance, 15 ppm (RFC 5905 §7.2, PHI). */
    public static final double PHI = 15e-6;
    /** Dispersion of an unsynchronized clock, 16 s (RFC 5905 §7.2, MAXDISP). */
    public static final double MAXDISP = 16.0;

    public final int leap;
    public final int stratum;
    public final int referenceId;
    /** Reference time in served time, Unix epoch nanoseconds (0 = never). */
    public final long referenceEpochNanos;
    public final double rootDelay;
    public final double rootDispersion;
    /** Added to the system clock to give served time, nanoseconds. */
    public final long offsetNanos;
    /** Precomputed for the hot path. */
    final int rootDelayShort;
    final long referenceRaw;

    public ServedTime(int leap, int stratum, int referenceId, long referenceEpochNanos, double rootDelay,
                      double rootDispersion, long offsetNanos) {
        this.leap = leap;
        this.stratum = stratum;
        this.referenceId = referenceId;
        this.referenceEpochNanos = referenceEpochNanos;
        this.rootDelay = rootDelay;
        this.rootDispersion = rootDispersion;
        this.offsetNanos = offsetNanos;
        this.rootDelayShort = NtpTimestamp.toShort(rootDelay);
        this.referenceRaw = referenceEpochNanos == 0 ? 0 : NtpTimestamp.fromEpochNanos(referenceEpochNanos);
    }

    /** The unsynchronized state: LI=3, stratum 16, no reference (RFC 5905 §7.3). */
    public static ServedTime unsynchronized() {
        return new ServedTime(NtpPacket.LEAP_UNSYNCHRONIZED, NtpPacket.STRATUM_UNSYNCHRONIZED, 0, 0, 0, MAXDISP, 0);
    }

    /** True when clients should accept this time. */
    public boolean synchronizedClock() {
        return leap != NtpPacket.LEAP_UNSYNCHRONIZED && stratum >= 1 && stratum <= NtpPacket.MAX_STRATUM;
    }

    /** Root delay in the 16.16 short format. */
    public int rootDelayShort() {
        return rootDelayShort;
    }

    /** Reference time as a raw NTP timestamp. */
    public long referenceRaw() {
        return referenceRaw;
    }

    /** Root dispersion at served time {@code nowNanos}, grown by PHI since the reference, short format. */
    public int rootDispersionShort(long nowNanos) {
        double d = rootDispersion;
        if (referenceEpochNanos != 0 && nowNanos > referenceEpochNanos) {
            d += PHI * (nowNanos - referenceEpochNanos) * 1e-9;
        }
        return NtpTimestamp.toShort(Math.min(d, MAXDISP));
    }

    @Override
    public String toString() {
        return "ServedTime{leap=" + leap + " stratum=" + stratum + " refid=" + Integer.toHexString(referenceId)
                + " rootDelay=" + rootDelay + " rootDisp=" + rootDispersion + " offsetNanos=" + offsetNanos + "}";
    }
}

package dev.vigil.ntp.packet;

/**
 * NTP time formats (RFC 5905 §6): the 64-bit timestamp (32-bit seconds since 1900 and a 32-bit
 * fraction) and the 32-bit short format (16.16 seconds). A timestamp carries no era number, so a
 * raw value is turned back into absolute time relative to a pivot: the era that puts it closest to
 * the pivot wins, which is correct across the 2036 rollover (era 0 to era 1) for any pivot within
 * 68 years. Absolute times are Unix epoch nanoseconds ({@code long}, good until 2262).
 */
public final class NtpTimestamp {
    /** Seconds from 1900-01-01 (NTP prime epoch, RFC 5905 §6) to 1970-01-01. */
    public static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;
    private static final long NANOS = 1_000_000_000L;
    private static final double TWO_32 = 4294967296.0;

    private NtpTimestamp() {
    }

    /** Unix epoch nanoseconds to a raw 64-bit NTP timestamp (the era is dropped, RFC 5905 §6). */
    public static long fromEpochNanos(long epochNanos) {
        long secs = Math.floorDiv(epochNanos, NANOS);
        long nanos = Math.floorMod(epochNanos, NANOS);
        return fromEpoch(secs, nanos);
    }

    /** Unix seconds and nanoseconds (0..999999999) to a raw 64-bit NTP timestamp. */
    public static long fromEpoch(long epochSecond, long nanos) {
        long ntpSecs = (epochSecond + UNIX_TO_NTP_SECONDS) & 0xFFFF_FFFFL;
        long frac = ((nanos << 32) + NANOS / 2) / NANOS; // rounded; nanos < 2^30 so no overflow
        if (frac > 0xFFFF_FFFFL) {
            frac = 0xFFFF_FFFFL;
        }
        return (ntpSecs << 32) | frac;
    }

    /**
     * A raw timestamp back to Unix epoch nanoseconds, choosing the era closest to {@code pivotEpochNanos}
     * (RFC 5905 §6: "the era must be determined from other sources").
     */
    public static long toEpochNanos(long raw, long pivotEpochNanos) {
        long pivotRaw = fromEpochNanos(pivotEpochNanos);
        // the signed 64-bit difference is era-independent for values within 68 years (RFC 5905 §6)
        return pivotEpochNanos + fixedToNanos(raw - pivotRaw);
    }

    /** Signed difference a - b of two raw timestamps, in seconds; era-safe within 68 years. */
    public static double diffSeconds(long a, long b) {
        return (a - b) / TWO_32;
    }

    /** A signed 32.32 fixed-point duration to nanoseconds. */
    public static long fixedToNanos(long fixed) {
        long secs = fixed >> 32;
        long frac = fixed & 0xFFFF_FFFFL;
        return secs * NANOS + ((frac * NANOS + (1L << 31)) >>> 32);
    }

    /** Nanoseconds to a signed 32.32 fixed-point duration (as added to a raw timestamp). */
    public static long nanosToFixed(long nanos) {
        long secs = Math.floorDiv(nanos, NANOS);
        long rem = Math.floorMod(nanos, NANOS);
        return (secs << 32) + ((rem << 32) + NANOS / 2) / NANOS;
    }

    /** Seconds to the unsigned 16.16 short format (RFC 5905 §6), saturating at its bounds. */
    public static int toShort(double seconds) {
        if (!(seconds > 0)) {
            return 0;
        }
        double v = seconds * 65536.0;
        return v >= 0xFFFF_FFFFL ? -1 : (int) (long) Math.ceil(v);
    }

    /** The unsigned 16.16 short format to seconds. */
    public static double fromShort(int raw) {
        return (raw & 0xFFFF_FFFFL) / 65536.0;
    }

    /** The era (RFC 5905 §6, 0 until 2036-02-07T06:28:16Z) of an absolute time. */
    public static long era(long epochNanos) {
        return Math.floorDiv(Math.floorDiv(epochNanos, NANOS) + UNIX_TO_NTP_SECONDS, 1L << 32);
    }
}

package dev.vigil.ntp.source;

/**
 * Measures the precision to advertise (RFC 5905 §7.3: log2 seconds of the time to read the system
 * clock, rounded up): the larger of the clock's tick and the median cost of one reading.
 */
public final class PrecisionMeter {
    private PrecisionMeter() {
    }

    /** The precision exponent for {@code clock}, e.g. -23 for a reading costing about 100 ns. */
    public static int measure(WallClock clock) {
        int rounds = 5;
        long[] perRead = new long[rounds];
        long tick = Long.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            int reads = 20_000;
            long start = System.nanoTime();
            long prev = clock.epochNanos();
            for (int i = 0; i < reads; i++) {
                long t = clock.epochNanos();
                long d = t - prev;
                if (d > 0 && d < tick) {
                    tick = d;
                }
                prev = t;
            }
            perRead[r] = (System.nanoTime() - start) / reads;
        }
        java.util.Arrays.sort(perRead);
        long nanos = Math.max(1, Math.max(perRead[rounds / 2], tick == Long.MAX_VALUE ? 1 : tick));
        return exponent(nanos);
    }

    /** ceil(log2(nanos * 1e-9)), clamped to a signed byte. */
    public static int exponent(long nanos) {
        int e = (int) Math.ceil(Math.log(nanos * 1e-9) / Math.log(2));
        return Math.max(-127, Math.min(127, e));
    }
}

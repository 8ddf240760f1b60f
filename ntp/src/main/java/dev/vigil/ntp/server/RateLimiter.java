package dev.vigil.ntp.server;

import java.net.InetAddress;

/**
 * Per-client-address token buckets in a bounded, 4-way set-associative table (like chronyd's
 * client log): a client earns one response per interval up to a burst; beyond it requests are
 * dropped, or, with KoD enabled, answered by at most one kiss-o'-death RATE per interval
 * (RFC 5905 §7.4: KoD packets are themselves rate limited). When a set is full the client seen
 * least recently is forgotten, so memory stays bounded whatever the number of sources.
 */
public final class RateLimiter {
    /** Answer normally. */
    public static final int ANSWER = 0;
    /** Send nothing. */
    public static final int DROP = 1;
    /** Send a KoD RATE. */
    public static final int KOD = 2;

    private static final int WAYS = 4;
    private static final int LOCKS = 64;
    private final InetAddress[] keys;
    private final long[] lastSeen;
    private final double[] tokens;
    private final long[] lastKod;
    private final int setMask;
    private final long intervalNanos;
    private final int burst;
    private final boolean kod;
    private final Object[] locks = new Object[LOCKS];

    /**
     * @param intervalNanos minimum mean interval between responses to one client
     * @param burst responses allowed back to back before limiting starts
     * @param kod send KoD RATE (rate limited) instead of dropping silently
     * @param maxClients table capacity; rounded up to a power of two, at least 4
     */
    public RateLimiter(long intervalNanos, int burst, boolean kod, int maxClients) {
        if (intervalNanos <= 0 || burst < 1 || maxClients < 1) {
            throw new IllegalArgumentException("rate limit needs interval > 0, burst >= 1, maxClients >= 1; got "
                    + intervalNanos + " ns, " + burst + ", " + maxClients);
        }
        int sets = Integer.highestOneBit(Math.max(1, (maxClients + WAYS - 1) / WAYS));
        if (sets * WAYS < maxClients && sets < (1 << 28)) {
            sets <<= 1;
        }
        int cap = sets * WAYS;
        this.keys = new InetAddress[cap];
        this.lastSeen = new long[cap];
        this.tokens = new double[cap];
        this.lastKod = new long[cap];
        this.setMask = sets - 1;
        this.intervalNanos = intervalNanos;
        this.burst = burst;
        this.kod = kod;
        for (int i = 0; i < LOCKS; i++) {
            locks[i] = new Object();
        }
    }

    /** Number of client slots. */
    public int capacity() {
        return keys.length;
    }

    /** Decides what to do with a request from {@code client} at monotonic time {@code nowNanos}. */
    public int check(InetAddress client, long nowNanos) {
        int h = client.hashCode();
        h ^= (h >>> 16);
        int set = h & setMask;
        int base = set * WAYS;
        synchronized (locks[set & (LOCKS - 1)]) {
            int slot = -1;
            int oldest = base;
            for (int i = base; i < base + WAYS; i++) {
                InetAddress k = keys[i];
                if (k != null && k.equals(client)) {
                    slot = i;
                    break;
                }
                if (k == null) {
                    if (keys[oldest] != null) {
                        oldest = i;
                    }
                } else if (keys[oldest] != null && lastSeen[i] - lastSeen[oldest] < 0) {
                    oldest = i;
                }
            }
            if (slot < 0) {
                slot = oldest;
                keys[slot] = client;
                tokens[slot] = burst;
                lastSeen[slot] = nowNanos;
                lastKod[slot] = nowNanos - intervalNanos;
            }
            double t = Math.min(burst, tokens[slot] + (double) (nowNanos - lastSeen[slot]) / intervalNanos);
            lastSeen[slot] = nowNanos;
            if (t >= 1.0) {
                tokens[slot] = t - 1.0;
                return ANSWER;
            }
            tokens[slot] = t;
            if (kod && nowNanos - lastKod[slot] >= intervalNanos) {
                lastKod[slot] = nowNanos;
                return KOD;
            }
            return DROP;
        }
    }
}

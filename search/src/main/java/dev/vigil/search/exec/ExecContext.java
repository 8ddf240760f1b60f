package dev.vigil.search.exec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state one search shares across its operators: time zone and "now", the lookups directory, and the
 * limits with their accounting. Thread-safe for cancel and progress reads from another thread.
 */
public final class ExecContext {
    private final ZoneId zone;
    private final Instant now;
    private final Path lookupsDir;
    private final SearchLimits limits;
    private final long deadlineNanos;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicLong memory = new AtomicLong();
    private final AtomicLong scanned = new AtomicLong();
    private volatile double earliest = Double.NEGATIVE_INFINITY;
    private volatile double latest = Double.POSITIVE_INFINITY;

    public ExecContext(ZoneId zone, Instant now, Path lookupsDir, SearchLimits limits) {
        this.zone = zone;
        this.now = now;
        this.lookupsDir = lookupsDir;
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.timeout().toNanos();
    }

    public ZoneId zone() { return zone; }
    public Instant now() { return now; }
    public Path lookupsDir() { return lookupsDir; }
    public SearchLimits limits() { return limits; }

    /** The search's time range in epoch seconds (infinite when unbounded), set before operators open. */
    public double earliest() { return earliest; }
    public double latest() { return latest; }
    void range(double e, double l) { earliest = e; latest = l; }

    public void cancel() { cancelled.set(true); }
    public boolean isCancelled() { return cancelled.get(); }

    /** Events read from the source so far. */
    public long scanned() { return scanned.get(); }

    /** Called per event read: counts it and stops the search when cancelled or past its deadline. */
    public void tick() {
        long n = scanned.incrementAndGet();
        if ((n & 1023) == 0 || cancelled.get()) check();
    }

    /** Throws when the search was cancelled or ran out of time. */
    public void check() {
        if (cancelled.get()) throw new SearchLimitException("search cancelled");
        if (System.nanoTime() > deadlineNanos) {
            throw new SearchLimitException("search exceeded its time limit of " + limits.timeout().toMillis() + " ms");
        }
    }

    /** Accounts bytes a blocking command now holds; throws past the memory limit naming both numbers. */
    public void charge(long bytes) {
        long m = memory.addAndGet(bytes);
        if (m > limits.maxMemoryBytes()) {
            throw new SearchLimitException("search memory " + m + " bytes exceeds the limit of "
                    + limits.maxMemoryBytes() + " bytes");
        }
    }

    public void release(long bytes) {
        memory.addAndGet(-bytes);
    }

    public long memoryUsed() { return memory.get(); }
}

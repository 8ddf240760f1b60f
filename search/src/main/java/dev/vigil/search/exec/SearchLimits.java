package dev.vigil.search.exec;

import java.time.Duration;

/**
 * Limits of one search: estimated bytes its blocking commands may hold, wall time, and the most results
 * it returns.
 *
 * @param maxMemoryBytes estimated heap bytes buffered rows may take (Splunk's max_mem_usage_mb spirit)
 * @param timeout        wall time after which the search is stopped
 * @param maxResults     results kept by the final collector (the rest are counted, not kept)
 */
public record SearchLimits(long maxMemoryBytes, Duration timeout, long maxResults) {
    /** 256 MiB, 5 minutes, 500,000 results. */
    public static SearchLimits defaults() {
        return new SearchLimits(256L << 20, Duration.ofMinutes(5), 500_000);
    }
}

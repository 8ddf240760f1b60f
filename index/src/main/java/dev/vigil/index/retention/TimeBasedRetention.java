package dev.vigil.index.retention;

import dev.vigil.index.lucene.LuceneEventStore.PartitionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes partitions whose newest possible event is older than the maximum age: a day partition goes
 * once its whole day lies more than {@code maxAge} in the past. Never waits on size.
 */
public final class TimeBasedRetention implements RetentionPolicy {
    private final Duration maxAge;

    /** Keeps events for {@code maxAge}. */
    public TimeBasedRetention(Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maximum age " + maxAge + " must be positive");
        }
        this.maxAge = maxAge;
    }

    @Override
    public List<PartitionInfo> select(List<PartitionInfo> partitions, Instant now) {
        Instant cutoff = now.minus(maxAge);
        List<PartitionInfo> out = new ArrayList<>();
        for (PartitionInfo p : partitions) {
            if (!p.end().isAfter(cutoff)) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public String reason(PartitionInfo p) {
        return "older than " + maxAge;
    }

    @Override
    public String toString() {
        return "TimeBasedRetention[" + maxAge + "]";
    }
}

package dev.vigil.index.retention;

import dev.vigil.index.lucene.LuceneEventStore.PartitionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deletes the oldest partitions until the index's total size is at most {@code maxBytes}. The newest
 * partition (the one being written) is never deleted, even when it alone exceeds the limit.
 */
public final class SizeBasedRetention implements RetentionPolicy {
    private final long maxBytes;

    /** Keeps the index at most {@code maxBytes} on disk. */
    public SizeBasedRetention(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maximum size " + maxBytes + " must be positive");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public List<PartitionInfo> select(List<PartitionInfo> partitions, Instant now) {
        List<PartitionInfo> byAge = new ArrayList<>(partitions);
        byAge.sort(Comparator.comparing(PartitionInfo::day));
        long total = 0;
        for (PartitionInfo p : byAge) {
            total += p.sizeBytes();
        }
        List<PartitionInfo> out = new ArrayList<>();
        for (int i = 0; i < byAge.size() - 1 && total > maxBytes; i++) {
            out.add(byAge.get(i));
            total -= byAge.get(i).sizeBytes();
        }
        return out;
    }

    @Override
    public String reason(PartitionInfo p) {
        return "index above " + maxBytes + " bytes";
    }

    @Override
    public String toString() {
        return "SizeBasedRetention[" + maxBytes + " bytes]";
    }
}

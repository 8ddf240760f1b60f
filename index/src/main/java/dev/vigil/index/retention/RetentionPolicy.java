package dev.vigil.index.retention;

import dev.vigil.index.lucene.LuceneEventStore.PartitionInfo;
import java.time.Instant;
import java.util.List;

/** Chooses which partitions of one index to delete. */
public interface RetentionPolicy {
    /**
     * The partitions to delete, from all partitions of one index (any order), at {@code now}.
     * Each returned partition is deleted whole.
     */
    List<PartitionInfo> select(List<PartitionInfo> partitions, Instant now);

    /** Why a partition is deleted, for the log. */
    String reason(PartitionInfo p);
}

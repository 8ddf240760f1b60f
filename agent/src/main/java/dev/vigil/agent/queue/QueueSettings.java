package dev.vigil.agent.queue;

import java.nio.file.Path;

/**
 * Where the queue lives and how it behaves.
 *
 * @param dir            the queue's directory (created when missing)
 * @param maxBytes       the most bytes its segments may hold; at this size the readers stop (back-pressure)
 * @param segmentBytes   a segment is closed and a new one begun past this size
 * @param sync           when segments are fsynced
 * @param syncIntervalMs for {@link Sync#INTERVAL}: the longest time written events wait for an fsync
 */
public record QueueSettings(Path dir, long maxBytes, long segmentBytes, Sync sync, long syncIntervalMs) {
    /** Default total size: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Default segment size: 16 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 16L << 20;

    /** When the queue forces its writes to disk. Events are handed to the shipper only once they are synced. */
    public enum Sync {
        /** Never: the operating system writes when it likes (survives a crash of the agent, not of the machine). */
        NONE,
        /** After every batch the readers wrote (every block read from a file). */
        BATCH,
        /** At most every {@code syncIntervalMs}, and at once when the readers have caught up. */
        INTERVAL
    }

    public QueueSettings {
        if (maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("queue max_bytes " + maxBytes + " must be at least twice the segment size "
                    + segmentBytes);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("queue segment_bytes " + segmentBytes + " is below the minimum 4096");
        }
    }

    /** Defaults for a directory: 256 MiB, 16 MiB segments, fsync within a second. */
    public static QueueSettings defaults(Path dir) {
        return new QueueSettings(dir, DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES, Sync.INTERVAL, 1000);
    }
}

package dev.vigil.agent.queue;

import java.nio.file.Path;

/** One segment file as the queue tracks it; fields other than the finals are guarded by the queue's lock. */
final class Seg {
    final long number;
    final Path path;
    final long baseSeq;
    /** The last event's sequence number written (published for sealed segments); baseSeq - 1 when none. */
    long lastSeq;
    /** Bytes written to the file. */
    long bytes;
    /** Bytes the reader may read (synced, or written when the queue does not sync). */
    long published;
    /** No more writes: a later segment exists. */
    boolean sealed;

    Seg(long number, Path path, long baseSeq) {
        this.number = number;
        this.path = path;
        this.baseSeq = baseSeq;
        this.lastSeq = baseSeq - 1;
    }
}

package dev.vigil.collector.action.forward;

import java.io.IOException;

/**
 * A FIFO of rendered messages in front of an action: append, read ahead, acknowledge what was delivered,
 * rewind what was not. Implementations: {@link DiskQueue} (durable) and {@link MemoryQueue}.
 */
public interface RecordQueue extends AutoCloseable {
    /** Appends a record. @throws IOException when it cannot be stored (full, disk error) */
    void append(byte[] b, int off, int len) throws IOException;

    /** The next unread record, or null. */
    byte[] peekNext() throws IOException;

    /** Removes every record read so far. */
    void ack() throws IOException;

    /** Makes read but unacknowledged records readable again. */
    void rewind() throws IOException;

    /** Records not yet acknowledged. */
    long size();

    /** Makes the state durable (no-op in memory). */
    void sync() throws IOException;

    @Override
    void close() throws IOException;
}

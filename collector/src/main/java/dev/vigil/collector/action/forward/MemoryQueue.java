package dev.vigil.collector.action.forward;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link RecordQueue} (rsyslog's LinkedList queue without a file name), bounded in records. */
public final class MemoryQueue implements RecordQueue {
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<byte[]> read = new ArrayList<>();
    private final int capacity;

    public MemoryQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue size must be positive");
        }
        this.capacity = capacity;
    }

    @Override
    public void append(byte[] b, int off, int len) throws IOException {
        if (queue.size() + read.size() >= capacity) {
            throw new IOException("queue full (" + capacity + " messages)");
        }
        queue.addLast(java.util.Arrays.copyOfRange(b, off, off + len));
    }

    @Override
    public byte[] peekNext() {
        byte[] r = queue.pollFirst();
        if (r != null) {
            read.add(r);
        }
        return r;
    }

    @Override
    public void ack() {
        read.clear();
    }

    @Override
    public void rewind() {
        for (int i = read.size() - 1; i >= 0; i--) {
            queue.addFirst(read.get(i));
        }
        read.clear();
    }

    @Override
    public long size() {
        return queue.size() + read.size();
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }
}

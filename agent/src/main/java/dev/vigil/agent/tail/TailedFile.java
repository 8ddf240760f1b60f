package dev.vigil.agent.tail;

import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.stats.Stats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file being followed: its open channel (kept across renames and deletion, so a rotated file is finished),
 * how far it was read, and the framer holding a line or event not yet complete. Events go to the queue with
 * the offset where they end, which is the position a restart resumes from.
 */
final class TailedFile implements Framer.Sink {
    final FileId.Key key;
    final String source;
    final long order;
    final Framer framer;
    private final DiskQueue queue;
    private final Stats stats;
    final int fileNo;
    Path path;
    FileChannel ch;
    /** The next byte to read: everything before went through the framer. */
    long readPos;
    /** Renamed away from the input's paths, or deleted: read to the end, then closed and forgotten. */
    boolean rotated;
    /** When bytes were last read (or the file was opened). */
    long lastDataNanos = System.nanoTime();
    /** The framer was finished because a newer file of the same source has data. */
    boolean finished;
    private long hostTime;

    /**
     * @param adopted the state comes from the previous run's queue: keep its file number
     */
    TailedFile(FileState state, long order, Framer framer, DiskQueue queue, Stats stats, boolean adopted) {
        this.key = new FileId.Key(state.dev(), state.ino());
        this.source = state.source();
        this.order = order;
        this.framer = framer;
        this.queue = queue;
        this.stats = stats;
        this.path = Path.of(state.path());
        this.readPos = state.offset();
        if (adopted) {
            this.fileNo = state.fileNo();
            queue.update(fileNo, state);
        } else {
            this.fileNo = queue.track(state);
        }
    }

    FileState state() {
        return queue.state(fileNo);
    }

    /**
     * Opens the file at {@link #path}, making sure it is still this inode: a rotation between the scan's stat and
     * the open would otherwise give this file's identity to its successor.
     *
     * @return false when another file is at the path now (the next scan sorts it out)
     */
    boolean open() throws IOException {
        if (ch == null) {
            FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
            FileId now;
            try {
                now = FileId.of(path);
            } catch (IOException e) {
                now = null;
            }
            if (now == null || !now.key().equals(key)) {
                c.close();
                return false;
            }
            ch = c;
            stats.filesOpened.inc();
            lastDataNanos = System.nanoTime();
        }
        return true;
    }

    void close() {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only
            }
            ch = null;
        }
    }

    long size() throws IOException {
        return ch.size();
    }

    /**
     * Reads from {@link #readPos} up to {@code limit}, at most about {@code budget} bytes, while the queue takes
     * more; returns the bytes read.
     */
    long read(long limit, long budget, byte[] block) throws IOException {
        long start = readPos;
        while (readPos < limit && readPos - start < budget && queue.acceptsMore()) {
            int want = (int) Math.min(block.length, limit - readPos);
            int n = ch.read(ByteBuffer.wrap(block, 0, want), readPos);
            if (n <= 0) {
                break;
            }
            hostTime = System.currentTimeMillis();
            finished = false;
            framer.feed(block, 0, n, readPos, this);
            readPos += n;
            stats.bytesRead.add(n);
        }
        if (readPos > start) {
            lastDataNanos = System.nanoTime();
        }
        return readPos - start;
    }

    /** Reads a copy of this file (left by copytruncate) from {@link #readPos} to its end, as this file. */
    long readCopy(Path copy, byte[] block) throws IOException {
        long n = 0;
        try (FileChannel c = FileChannel.open(copy, StandardOpenOption.READ)) {
            long size = c.size();
            while (readPos < size) {
                int r = c.read(ByteBuffer.wrap(block, 0, (int) Math.min(block.length, size - readPos)), readPos);
                if (r <= 0) {
                    break;
                }
                hostTime = System.currentTimeMillis();
                framer.feed(block, 0, r, readPos, this);
                readPos += r;
                n += r;
                stats.bytesRead.add(r);
            }
        }
        return n;
    }

    void tick(long nowMillis) {
        hostTime = nowMillis;
        framer.tick(nowMillis, this);
    }

    void finish() {
        hostTime = System.currentTimeMillis();
        framer.finish(this);
        finished = true;
    }

    @Override
    public void event(byte[] b, int off, int len, long endOffset) {
        queue.append(fileNo, endOffset, hostTime, b, off, len);
    }
}

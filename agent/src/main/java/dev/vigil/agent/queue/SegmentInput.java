package dev.vigil.agent.queue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A segment file read through a window buffer that grows to hold the largest record asked for. */
final class SegmentInput implements Closeable {
    private static final int WINDOW = 1 << 20;

    final Path path;
    private final FileChannel ch;
    private ByteBuffer win = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private long winStart;
    private int winLen;

    SegmentInput(Path path) throws IOException {
        this.path = path;
        this.ch = FileChannel.open(path, StandardOpenOption.READ);
    }

    long size() throws IOException {
        return ch.size();
    }

    /** The window buffer (little endian); indexes come from {@link #at}. */
    ByteBuffer buffer() {
        return win;
    }

    /**
     * Makes bytes [pos, pos + n) of the file available in {@link #buffer()} and returns the index of pos there,
     * or -1 when the file (or {@code limit}) ends first.
     */
    int at(long pos, int n, long limit) throws IOException {
        if (pos + n > limit) {
            return -1;
        }
        if (pos >= winStart && pos + n <= winStart + winLen) {
            return (int) (pos - winStart);
        }
        if (n > win.capacity()) {
            win = ByteBuffer.allocate(Math.max(n, win.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        } else if (n <= WINDOW && win.capacity() > 4 * WINDOW) {
            win = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
        }
        win.clear();
        winStart = pos;
        winLen = 0;
        long want = Math.min(win.capacity(), limit - pos);
        win.limit((int) want);
        while (winLen < n) {
            int r = ch.read(win, pos + winLen);
            if (r < 0) {
                break;
            }
            winLen += r;
        }
        win.clear();
        return winLen >= n ? 0 : -1;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}

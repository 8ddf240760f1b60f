package dev.vigil.sensor.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A large refillable window over an input stream: records are parsed in place, so reading
 * a packet costs no allocation. {@link #ensure(int)} slides and refills the window.
 */
final class ByteSource implements Closeable {
    private final InputStream in;
    byte[] buf;
    private int pos;
    private int limit;
    private long consumedBefore; // file offset of buf[0]
    private boolean eof;

    ByteSource(InputStream in, int size, int minRecord) {
        this.in = in;
        this.buf = new byte[Math.max(size, minRecord * 2)];
    }

    int pos() {
        return pos;
    }

    int available() {
        return limit - pos;
    }

    long fileOffset() {
        return consumedBefore + pos;
    }

    void skip(int n) {
        pos += n;
    }

    /** Makes at least {@code n} bytes available from pos; false when the stream ends first. */
    boolean ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            consumedBefore += pos;
            limit -= pos;
            pos = 0;
            buf = bigger;
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumedBefore += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                eof = true;
            } else {
                limit += r;
            }
        }
        return limit - pos >= n;
    }

    int beInt(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }

    int leInt(int at) {
        return (buf[at] & 0xff) | ((buf[at + 1] & 0xff) << 8) | ((buf[at + 2] & 0xff) << 16) | ((buf[at + 3] & 0xff) << 24);
    }

    int int32(int at, boolean bigEndian) {
        return bigEndian ? beInt(at) : leInt(at);
    }

    int uint16(int at, boolean bigEndian) {
        return bigEndian ? ((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff) : (buf[at] & 0xff) | ((buf[at + 1] & 0xff) << 8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

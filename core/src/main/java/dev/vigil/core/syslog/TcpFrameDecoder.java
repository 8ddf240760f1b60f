package dev.vigil.core.syslog;

/**
 * RFC 6587 framing of a syslog TCP stream, chosen per frame the way rsyslog's imtcp chooses: a frame
 * that starts with a digit is octet-counted (§3.4.1, "LEN SP MSG"), anything else runs to LF
 * (§3.4.2, octet stuffing). Never buffers more than the maximum message size: a longer LF frame is
 * split (rsyslog submits the first {@code max} bytes, drops the byte that overflowed and continues,
 * for both framings), and an octet count above {@code maxFrameSize} falls back to LF framing, all counted.
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class TcpFrameDecoder {
    /** rsyslog's default imtcp maxFrameSize: larger octet counts are treated as octet stuffing. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 200_000;

    private enum State { START, OCTET_COUNT, IN_MSG }

    private final int maxLine;
    private final int maxFrameSize;
    private byte[] msg;
    private int len;
    private State state = State.START;
    private boolean octetCounting;
    private long octetsRemain;
    private long splitFrames;
    private long truncatedFrames;
    private long framingErrors;
    private long incompleteFrames;

    public TcpFrameDecoder(int maxMessageSize, int maxFrameSize) {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maximum message size " + maxMessageSize + " must be positive");
        }
        this.maxLine = maxMessageSize;
        this.maxFrameSize = maxFrameSize;
        this.msg = new byte[Math.min(maxMessageSize, 256)]; // grows on demand: idle connections stay small
    }

    public TcpFrameDecoder(int maxMessageSize) {
        this(maxMessageSize, DEFAULT_MAX_FRAME_SIZE);
    }

    /** Feeds received bytes; complete frames go to {@code sink} in order. */
    public void feed(byte[] buf, int off, int n, FrameSink sink) {
        int end = off + n;
        for (int i = off; i < end; i++) {
            byte c = buf[i];
            if (state == State.IN_MSG && !octetCounting) {
                // fast path: copy a run up to LF or the size limit
                int j = indexOfLf(buf, i, Math.min(end, i + (maxLine - len)));
                if (j > i) {
                    ensure(len + (j - i));
                    System.arraycopy(buf, i, msg, len, j - i);
                    len += j - i;
                    i = j - 1;
                    continue;
                }
            }
            step(c, buf, i, end, sink);
        }
    }

    private void step(byte c, byte[] buf, int i, int end, FrameSink sink) {
        if (state == State.START) {
            if (c >= '0' && c <= '9') {
                state = State.OCTET_COUNT;
                octetsRemain = 0;
                octetCounting = true;
            } else {
                state = State.IN_MSG;
                octetCounting = false;
            }
        }
        if (state == State.OCTET_COUNT) {
            if (c >= '0' && c <= '9') {
                if (octetsRemain <= 200_000_000L) {
                    octetsRemain = octetsRemain * 10 + (c - '0');
                }
            } else {
                if (c != ' ') {
                    framingErrors++;
                }
                if (octetsRemain < 1) {
                    framingErrors++;
                    octetCounting = false;
                } else if (octetsRemain > maxFrameSize) {
                    framingErrors++;
                    octetCounting = false;
                } else {
                    if (octetsRemain > maxLine) {
                        truncatedFrames++;
                    }
                }
                len = 0; // the corpus shows the count's digits never become part of the message
                state = State.IN_MSG;
            }
            return;
        }
        // IN_MSG. rsyslog 8.2302 tcps_sess.c: the byte that arrives when the buffer is full triggers
        // the split and is itself dropped (the corpus shows 9032 bytes -> 8096 + 935).
        if (c == '\n' && !octetCounting) {
            submit(sink);
            state = State.START;
        } else if (len < maxLine) {
            ensure(len + 1);
            msg[len++] = c;
        } else {
            splitFrames++;
            submit(sink);
        }
        if (octetCounting && --octetsRemain < 1) {
            submit(sink);
            state = State.START;
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';

    /** Index of the first LF in [from, to), or {@code to}; eight bytes at a time. */
    static int indexOfLf(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long v = (long) LONGS.get(b, i) ^ LFS;
            long found = (v - ONES) & ~v & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private void ensure(int n) {
        if (n > msg.length) {
            msg = java.util.Arrays.copyOf(msg, Math.min(maxLine, Math.max(n, msg.length * 2)));
        }
    }

    private void submit(FrameSink sink) {
        if (len > 0) {
            sink.frame(msg, 0, len);
        }
        len = 0;
    }

    /**
     * The peer closed the connection: an unterminated LF frame is delivered, an incomplete
     * octet-counted frame is discarded (and counted), as rsyslog does.
     */
    public void endOfStream(FrameSink sink) {
        if (state == State.IN_MSG && !octetCounting) {
            submit(sink);
        } else if (state != State.START) {
            if (len > 0 || octetsRemain > 0) {
                incompleteFrames++;
            }
            len = 0;
        }
        state = State.START;
    }

    /** Octet-counted frames cut short by the end of the connection. */
    public long incompleteFrames() { return incompleteFrames; }

    /** Bytes currently buffered for an unfinished frame. */
    public int buffered() {
        return len;
    }

    /** Frames longer than the maximum that were split. */
    public long splitFrames() { return splitFrames; }

    /** Octet-counted frames that declared more than the maximum message size. */
    public long oversizedFrames() { return truncatedFrames; }

    /** Bad octet counts or delimiters. */
    public long framingErrors() { return framingErrors; }
}

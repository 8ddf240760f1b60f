package dev.vigil.agent.queue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk record format of queue segments. Every record is framed as
 * {@code u32 payload length, u32 CRC-32C of the payload, payload}, little endian; the payload's first byte is
 * its type. A segment begins with a {@link #SEGMENT} record followed by a {@link #FILE} record for every file
 * followed at that moment, so any segment can be read on its own.
 */
final class Codec {
    /** Bytes before the payload: length and CRC. */
    static final int FRAME = 8;
    /** No payload is larger (an event is at most a multi-line maximum plus a few bytes). */
    static final int MAX_PAYLOAD = 64 << 20;

    /** Segment header: type, version u8, base seq u64 (the next sequence number then), number u64, created ms. */
    static final byte SEGMENT = 1;
    /** A followed file: type, {@link FileState} fields. */
    static final byte FILE = 2;
    /** An event: type, fileNo u32, end offset u64, seq u64, host time u64, body. */
    static final byte EVENT = 3;
    /** A file no longer followed: type, fileNo u32. */
    static final byte FORGET = 4;

    static final int VERSION = 1;
    static final int SEGMENT_LENGTH = 1 + 1 + 8 + 8 + 8;
    static final int EVENT_HEAD = 1 + 4 + 8 + 8 + 8;
    static final int FORGET_LENGTH = 1 + 4;
    static final int FILE_MIN = 1 + 4 + 8 + 8 + 8 + 2 + 4 + 6 * 2;
    private static final int NULL_STRING = 0xFFFF;

    private Codec() {
    }

    /** The smallest valid payload length of a type, or -1 for an unknown type. */
    static int minLength(byte type) {
        return switch (type) {
            case SEGMENT -> SEGMENT_LENGTH;
            case FILE -> FILE_MIN;
            case EVENT -> EVENT_HEAD;
            case FORGET -> FORGET_LENGTH;
            default -> -1;
        };
    }

    /** A growable little-endian write buffer that frames records. */
    static final class Out {
        private ByteBuffer buf;
        private final CRC32C crc = new CRC32C();
        private int frameStart;

        Out(int capacity) {
            buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }

        int size() {
            return buf.position();
        }

        byte[] array() {
            return buf.array();
        }

        void clear() {
            buf.clear();
        }

        void ensure(int n) {
            if (buf.remaining() < n) {
                int cap = Math.max(buf.capacity() * 2, buf.position() + n);
                ByteBuffer b = ByteBuffer.allocate(cap).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                b.put(buf);
                buf = b;
            }
        }

        /** Shrinks back to {@code capacity} after a burst grew it (only when empty). */
        void trim(int capacity) {
            if (buf.position() == 0 && buf.capacity() > capacity) {
                buf = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
            }
        }

        void begin(int payloadCapacity) {
            ensure(FRAME + payloadCapacity);
            frameStart = buf.position();
            buf.position(frameStart + FRAME);
        }

        void end() {
            int len = buf.position() - frameStart - FRAME;
            crc.reset();
            crc.update(buf.array(), frameStart + FRAME, len);
            buf.putInt(frameStart, len);
            buf.putInt(frameStart + 4, (int) crc.getValue());
        }

        void segment(long baseSeq, long number, long createdMillis) {
            begin(SEGMENT_LENGTH);
            buf.put(SEGMENT).put((byte) VERSION).putLong(baseSeq).putLong(number).putLong(createdMillis);
            end();
        }

        void event(int fileNo, long endOffset, long seq, long hostTime, byte[] b, int off, int len) {
            begin(EVENT_HEAD + len);
            buf.put(EVENT).putInt(fileNo).putLong(endOffset).putLong(seq).putLong(hostTime).put(b, off, len);
            end();
        }

        void forget(int fileNo) {
            begin(FORGET_LENGTH);
            buf.put(FORGET).putInt(fileNo);
            end();
        }

        void file(FileState s) {
            byte[][] strings = {utf8(s.input()), utf8(s.path()), utf8(s.source()), utf8(s.host()),
                utf8(s.sourcetype()), utf8(s.index())};
            int n = FILE_MIN;
            for (byte[] x : strings) {
                n += x == null ? 0 : x.length;
            }
            begin(n);
            buf.put(FILE).putInt(s.fileNo()).putLong(s.offset()).putLong(s.dev()).putLong(s.ino())
                    .putShort((short) s.fpLength()).putInt(s.fpCrc());
            for (byte[] x : strings) {
                if (x == null) {
                    buf.putShort((short) NULL_STRING);
                } else {
                    buf.putShort((short) x.length).put(x);
                }
            }
            end();
        }

        private static byte[] utf8(String s) {
            if (s == null) {
                return null;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length >= NULL_STRING) {
                b = java.util.Arrays.copyOf(b, NULL_STRING - 1);
            }
            return b;
        }
    }

    /** Reads a FILE payload (the buffer positioned at its start, little endian). */
    static FileState readFile(ByteBuffer p) {
        int at = p.position() + 1;
        int fileNo = p.getInt(at);
        long offset = p.getLong(at + 4);
        long dev = p.getLong(at + 12);
        long ino = p.getLong(at + 20);
        int fpLength = p.getShort(at + 28) & 0xFFFF;
        int fpCrc = p.getInt(at + 30);
        int pos = at + 34;
        String[] s = new String[6];
        for (int i = 0; i < 6; i++) {
            int len = p.getShort(pos) & 0xFFFF;
            pos += 2;
            if (len == NULL_STRING) {
                continue;
            }
            if (pos + len > p.limit()) {
                throw new IllegalArgumentException("file record string runs past the record's end");
            }
            byte[] b = new byte[len];
            p.get(pos, b);
            s[i] = new String(b, StandardCharsets.UTF_8);
            pos += len;
        }
        return new FileState(fileNo, s[0], s[1], s[2], s[3], s[4], s[5], dev, ino, fpLength, fpCrc, offset);
    }

    /** CRC-32C of a payload in a buffer. */
    static int crc(CRC32C crc, ByteBuffer b, int at, int len) {
        crc.reset();
        ByteBuffer d = b.duplicate();
        d.limit(at + len).position(at);
        crc.update(d);
        return (int) crc.getValue();
    }

    static String segmentName(long number) {
        return String.format("%020d.seg", number);
    }

    /** The number in a segment file name, or -1 when it is not one. */
    static long segmentNumber(String name) {
        if (name.length() != 24 || !name.endsWith(".seg")) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, 20));
    }
}

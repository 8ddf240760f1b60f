package dev.vigil.index.lucene;

import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.UnicodeUtil;

/**
 * A growable byte buffer reused by one indexing thread: events are encoded into it (in the layout of
 * Lucene's {@code DataOutput}, which {@link StoredCodec#decode} reads) without allocating per event.
 * Bytes once written never move within {@link #bytes()} until {@link #reset()}; when the array grows,
 * earlier references keep pointing at the old array, whose bytes stay valid.
 */
final class ByteScratch {
    private byte[] buf;
    private int size;

    ByteScratch(int initial) {
        buf = new byte[initial];
    }

    byte[] bytes() {
        return buf;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    /** Forgets everything written after {@code at}. */
    void truncate(int at) {
        size = at;
    }

    /** Drops a buffer grown beyond {@code max} bytes (one huge batch must not pin its memory). */
    void trim(int max) {
        if (buf.length > max) {
            buf = new byte[max];
        }
        size = 0;
    }

    void ensure(int more) {
        if (size + more > buf.length) {
            buf = ArrayUtil.grow(buf, size + more);
        }
    }

    /** Reserves {@code n} bytes (to be patched later) and returns where they start. */
    int skip(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** As {@code DataOutput.writeVInt}. */
    void writeVInt(int i) {
        ensure(5);
        while ((i & ~0x7F) != 0) {
            buf[size++] = (byte) ((i & 0x7F) | 0x80);
            i >>>= 7;
        }
        buf[size++] = (byte) i;
    }

    /** As {@code DataOutput.writeZLong}: zig-zag, then seven bits per byte. */
    void writeZLong(long l) {
        long i = BitUtil.zigZagEncode(l);
        ensure(10);
        while ((i & ~0x7FL) != 0L) {
            buf[size++] = (byte) ((i & 0x7FL) | 0x80L);
            i >>>= 7;
        }
        buf[size++] = (byte) i;
    }

    /** UTF-8 of {@code s} without a length; returns the offset where it starts. */
    int writeUtf8(CharSequence s) {
        int n = s.length();
        ensure(UnicodeUtil.maxUTF8Length(n));
        int start = size;
        int i = 0;
        // ASCII runs are copied directly; anything else goes through Lucene's encoder (the same bytes as BytesRef(String))
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                size = UnicodeUtil.UTF16toUTF8(s, i, n - i, buf, size);
                return start;
            }
            buf[size++] = (byte) c;
            i++;
        }
        return start;
    }

    /** As {@code DataOutput.writeString}: the UTF-8 length as a VInt, then the bytes. Returns where the bytes start. */
    int writeString(CharSequence s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            writeVInt(n);
            return writeUtf8(s);
        }
        int len = UnicodeUtil.calcUTF16toUTF8Length(s, 0, n);
        writeVInt(len);
        int start = writeUtf8(s);
        if (size - start != len) {
            throw new IllegalStateException("UTF-8 length " + (size - start) + " differs from the computed " + len);
        }
        return start;
    }
}

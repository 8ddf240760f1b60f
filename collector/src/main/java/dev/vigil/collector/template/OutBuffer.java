package dev.vigil.collector.template;

import dev.vigil.core.syslog.SyslogText;
import java.util.Arrays;

/** A growable byte buffer that templates render into; strings are written with {@link SyslogText}'s encoding. */
public final class OutBuffer {
    private byte[] buf;
    private int len;

    public OutBuffer(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    public OutBuffer() {
        this(256);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public OutBuffer append(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    public OutBuffer append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    public OutBuffer append(byte[] b) {
        return append(b, 0, b.length);
    }

    /** Appends a string's bytes: ASCII directly, anything else through {@link SyslogText#encode}. */
    public OutBuffer append(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] rest = SyslogText.encode(s.substring(i));
                return append(rest);
            }
            buf[len++] = (byte) c;
        }
        return this;
    }

    /** Appends characters {@code from} (inclusive) to {@code to} of a string known to be ASCII. */
    public OutBuffer appendAscii(String s, int from, int to) {
        int n = to - from;
        ensure(n);
        for (int i = from; i < to; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a non-negative int in decimal. */
    public OutBuffer appendDecimal(int v) {
        if (v >= 1000 || v < 0) {
            return append(Integer.toString(v));
        }
        ensure(3);
        if (v >= 100) {
            buf[len++] = (byte) ('0' + v / 100);
        }
        if (v >= 10) {
            buf[len++] = (byte) ('0' + v / 10 % 10);
        }
        buf[len++] = (byte) ('0' + v % 10);
        return this;
    }

    /** Makes room for {@code n} bytes and returns the array; write at {@link #length()}, then {@link #advance}. */
    public byte[] reserve(int n) {
        ensure(n);
        return buf;
    }

    /** Counts {@code n} bytes written directly after {@link #reserve}. */
    public void advance(int n) {
        len += n;
    }

    public int length() {
        return len;
    }

    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    public void reset() {
        len = 0;
    }

    /** Drops the last byte when it is {@code b}. */
    public void dropLast(byte b) {
        if (len > 0 && buf[len - 1] == b) {
            len--;
        }
    }

    @Override
    public String toString() {
        return SyslogText.decode(buf, 0, len);
    }
}

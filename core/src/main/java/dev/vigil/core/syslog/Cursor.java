package dev.vigil.core.syslog;

/**
 * A parse position over a byte buffer, mirroring rsyslog's (pointer, remaining length) pair so the
 * parsers can follow rsyslog's algorithms step for step. Reading past the end yields 0, as reading
 * rsyslog's NUL-terminated buffer does.
 */
final class Cursor {
    final byte[] buf;
    int pos;
    final int end;

    Cursor(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    int remaining() {
        return end - pos;
    }

    /** The byte at pos+k as unsigned, 0 past the end. */
    int at(int k) {
        int i = pos + k;
        return i < end ? buf[i] & 0xff : 0;
    }

    int cur() {
        return at(0);
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** rsyslog's srSLMGParseInt32: digits into an int, advancing. */
    int parseInt() {
        int v = 0;
        while (pos < end && isDigit(buf[pos])) {
            v = v * 10 + (buf[pos] - '0');
            pos++;
        }
        return v;
    }

    Cursor copy() {
        return new Cursor(buf, pos, end);
    }
}

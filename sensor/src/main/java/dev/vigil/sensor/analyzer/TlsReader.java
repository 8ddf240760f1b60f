package dev.vigil.sensor.analyzer;

/** Bounds-checked big-endian reads over one TLS handshake message; overruns throw IndexOutOfBoundsException. */
final class TlsReader {
    private final byte[] b;
    private int p;
    private final int end;

    TlsReader(byte[] b, int off, int len) {
        this.b = b;
        this.p = off;
        this.end = off + len;
    }

    int pos() {
        return p;
    }

    int remaining() {
        return end - p;
    }

    void seek(int at) {
        if (at > end) {
            throw new IndexOutOfBoundsException("seek to " + at + " past message end " + end);
        }
        p = at;
    }

    void skip(int n) {
        seek(p + n);
    }

    int u8() {
        check(1);
        return b[p++] & 0xff;
    }

    int u16() {
        check(2);
        int v = ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
        p += 2;
        return v;
    }

    int u24() {
        check(3);
        int v = ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
        p += 3;
        return v;
    }

    byte[] bytes(int n) {
        check(n);
        byte[] out = java.util.Arrays.copyOfRange(b, p, p + n);
        p += n;
        return out;
    }

    private void check(int n) {
        if (n < 0 || p + n > end) {
            throw new IndexOutOfBoundsException("read of " + n + " bytes past message end");
        }
    }
}

package dev.vigil.sensor.analyzer;

import java.util.ArrayList;
import java.util.List;

/** A minimal DER reader (ITU-T X.690): one TLV at a time, definite lengths only, bounds-checked. */
final class Der {
    final int tag;
    final byte[] b;
    /** Content start and end in {@link #b}. */
    final int start, end;

    private Der(int tag, byte[] b, int start, int end) {
        this.tag = tag;
        this.b = b;
        this.start = start;
        this.end = end;
    }

    /** Reads the TLV at {@code at} (which must end by {@code limit}). */
    static Der read(byte[] b, int at, int limit) {
        if (at + 2 > limit) {
            throw new IllegalArgumentException("DER: truncated header at " + at);
        }
        int tag = b[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("DER: high tag numbers are not used in certificates");
        }
        int l = b[at + 1] & 0xff;
        int p = at + 2;
        int len;
        if (l < 0x80) {
            len = l;
        } else {
            int n = l & 0x7f;
            if (n == 0 || n > 4 || p + n > limit) {
                throw new IllegalArgumentException("DER: bad length of length " + n + " at " + at);
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (b[p + i] & 0xff);
            }
            p += n;
        }
        if (len < 0 || p + len > limit) {
            throw new IllegalArgumentException("DER: length " + len + " at " + at + " exceeds the enclosing " + (limit - p));
        }
        return new Der(tag, b, p, p + len);
    }

    /** The TLVs inside this constructed value. */
    List<Der> children() {
        List<Der> out = new ArrayList<>();
        int p = start;
        while (p < end) {
            Der d = read(b, p, end);
            out.add(d);
            p = d.end;
        }
        return out;
    }

    int length() {
        return end - start;
    }

    byte[] content() {
        return java.util.Arrays.copyOfRange(b, start, end);
    }

    /** Dotted form of an OBJECT IDENTIFIER's content. */
    String oid() {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = start; i < end; i++) {
            v = (v << 7) | (b[i] & 0x7f);
            if ((b[i] & 0x80) == 0) {
                if (first) {
                    int x = v < 40 ? 0 : v < 80 ? 1 : 2;
                    sb.append(x).append('.').append(v - 40L * x);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
        return sb.toString();
    }
}

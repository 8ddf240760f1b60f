package dev.vigil.sensor.analyzer;

/** DNS message structure checks (RFC 1035 §4.1). */
final class DnsMessage {
    /** Longest name RFC 1035 §2.3.4 allows, in bytes on the wire. */
    static final int MAX_NAME = 255;
    /** Compression pointers followed before a name is rejected as a loop. */
    static final int MAX_POINTERS = 64;

    private DnsMessage() {
    }

    /** True when the header and the question section parse. */
    static boolean parses(byte[] d, int off, int len) {
        if (len < 12) {
            return false;
        }
        int qd = ((d[off + 4] & 0xff) << 8) | (d[off + 5] & 0xff);
        int p = off + 12;
        int end = off + len;
        for (int i = 0; i < qd; i++) {
            p = skipName(d, p, off, end);
            if (p < 0 || p + 4 > end) {
                return false;
            }
            p += 4;
        }
        return true;
    }

    /** Skips a possibly compressed name; returns the offset after it or -1. */
    static int skipName(byte[] d, int p, int msg, int end) {
        int total = 0;
        while (p < end) {
            int l = d[p] & 0xff;
            if (l == 0) {
                return p + 1;
            }
            if ((l & 0xc0) == 0xc0) {
                return p + 2 <= end ? p + 2 : -1;
            }
            if ((l & 0xc0) != 0) {
                return -1;
            }
            total += l + 1;
            if (total > MAX_NAME) {
                return -1;
            }
            p += l + 1;
        }
        return -1;
    }
}

package dev.vigil.core.syslog;

import java.util.Arrays;

/**
 * Reception-time clean-up as rsyslog's parser.c SanitizeMsg: drops one trailing NUL and one trailing
 * LF, escapes control characters as {@code #ooo} (octal), and caps the result at the maximum message
 * size. DEL and bytes of 0x80 and above pass through unchanged, as in rsyslog.
 */
final class Sanitizer {
    private Sanitizer() {
    }

    static byte[] sanitize(byte[] in, int off, int len, ParserOptions o) {
        if (len > 0 && in[off + len - 1] == 0) {
            len--;
        }
        if (o.dropTrailingLf() && len > 0 && in[off + len - 1] == '\n') {
            len--;
        }
        int first = -1;
        for (int i = 0; i < len; i++) {
            if ((in[off + i] & 0xff) < 0x20) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Arrays.copyOfRange(in, off, off + len);
        }
        int maxDest = (int) Math.min((long) len * 4, o.maxMessageSize());
        byte[] out = new byte[maxDest + 1];
        System.arraycopy(in, off, out, 0, first);
        int d = first;
        int s = first;
        while (s < len && d < maxDest - 3) {
            int ch = in[off + s] & 0xff;
            if (ch < 0x20 && (ch != '\t' || o.escapeTab())) {
                if (ch == 0 || o.escapeControlCharacters()) {
                    out[d++] = (byte) o.escapePrefix();
                    out[d++] = (byte) ('0' + ((ch & 0300) >> 6));
                    out[d++] = (byte) ('0' + ((ch & 0070) >> 3));
                    out[d++] = (byte) ('0' + (ch & 0007));
                }
            } else {
                out[d++] = (byte) ch;
            }
            s++;
        }
        return Arrays.copyOf(out, d);
    }
}

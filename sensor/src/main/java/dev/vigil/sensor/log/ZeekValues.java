package dev.vigil.sensor.log;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Renders values the way Zeek's ASCII formatter does. */
public final class ZeekValues {
    private ZeekValues() {
    }

    /** printf("%.6f") with C's round-half-even on the exact binary value, without BigDecimal on the fast path. */
    public static void fixed6(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= 9e12) {
            sb.append(new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            return;
        }
        double scaled = v * 1e6;
        double fl = Math.floor(scaled);
        double diff = scaled - fl;
        if (Math.abs(diff - 0.5) < 1e-3) { // too close to a tie to trust the scaled double
            sb.append(new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString());
            return;
        }
        long units = (long) fl + (diff > 0.5 ? 1 : 0);
        if (units < 0) {
            sb.append('-');
            units = -units;
        }
        long whole = units / 1_000_000;
        int frac = (int) (units % 1_000_000);
        sb.append(whole).append('.');
        for (int d = 100_000; d > 0; d /= 10) {
            sb.append((char) ('0' + frac / d % 10));
        }
    }

    /**
     * Appends string bytes with Zeek's TSV escaping: backslash doubled, the separator and
     * non-printable or invalid-UTF-8 bytes as \xNN, the set separator too inside containers.
     * Valid UTF-8 sequences are copied as they are, one character U+0080..U+00FF per byte (see
     * {@link ZeekLogWriter}: the row is written byte per character).
     */
    public static void escaped(StringBuilder sb, byte[] b, boolean inContainer) {
        if (plain(b, inContainer)) { // the common case: one bulk copy
            sb.append(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
            return;
        }
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c == '\\') {
                sb.append("\\\\");
                i++;
            } else if (c < 0x20 || c == 0x7f || (inContainer && c == ',')) {
                hex(sb, c);
                i++;
            } else if (c < 0x80) {
                sb.append((char) c);
                i++;
            } else {
                int n = utf8Length(b, i);
                if (n == 0) {
                    hex(sb, c);
                    i++;
                } else {
                    bytesAsChars(sb, b, i, n);
                    i += n;
                }
            }
        }
    }

    /** True when no byte needs escaping: printable ASCII, no backslash, no comma inside a container. */
    private static boolean plain(byte[] b, boolean inContainer) {
        for (byte x : b) {
            if (x < 0x20 || x == 0x7f || x == '\\' || (inContainer && x == ',')) {
                return false; // bytes >= 0x80 are negative: they fail the first test
            }
        }
        return true;
    }

    /** Appends {@code n} bytes as the characters of the same code (U+0000..U+00FF). */
    static void bytesAsChars(StringBuilder sb, byte[] b, int off, int n) {
        for (int k = 0; k < n; k++) {
            sb.append((char) (b[off + k] & 0xff));
        }
    }

    static void hex(StringBuilder sb, int c) {
        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
    }

    /** Length of the valid UTF-8 sequence starting at i, or 0 if it is not one. */
    static int utf8Length(byte[] b, int i) {
        int c = b[i] & 0xff;
        int n;
        int min;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + n > b.length) {
            return 0;
        }
        int cp = c & (0xff >> (n + 1));
        for (int k = 1; k < n; k++) {
            int x = b[i + k] & 0xff;
            if ((x & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (x & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        return n;
    }
}

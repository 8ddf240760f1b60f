package dev.vigil.sensor;

import dev.vigil.sensor.decode.Packet;

/** Text forms of addresses as Zeek prints them: dotted IPv4, RFC 5952 compressed lower-case IPv6. */
public final class Addresses {
    private Addresses() {
    }

    public static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & 0xffffffff00000000L) == Packet.V4_MAPPED_LO;
    }

    public static String format(long hi, long lo) {
        if (isV4(hi, lo)) {
            int a = (int) lo;
            byte[] b = new byte[15];
            int n = 0;
            for (int shift = 24; shift >= 0; shift -= 8) {
                int x = (a >>> shift) & 0xff;
                if (x >= 100) {
                    b[n++] = (byte) ('0' + x / 100);
                }
                if (x >= 10) {
                    b[n++] = (byte) ('0' + x / 10 % 10);
                }
                b[n++] = (byte) ('0' + x % 10);
                if (shift > 0) {
                    b[n++] = '.';
                }
            }
            return new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) ((hi >>> (48 - 16 * i)) & 0xffff);
            g[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xffff);
        }
        // RFC 5952 §4.2: compress the longest run of two or more zero groups (the first if tied).
        int bestStart = -1, bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}

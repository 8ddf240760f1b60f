package dev.vigil.agent.login;

import java.util.Locale;

/** Numeric renderings of {@code ut_addr_v6} as glibc's getnameinfo(NI_NUMERICHOST) gives them to last. */
public final class Addresses {
    private Addresses() {
    }

    /**
     * last's rule: IPv4 when the last three words are zero or the address is IPv4-mapped, IPv6 otherwise,
     * written as inet_ntop(3) writes it (RFC 5952 §4 zero compression, embedded IPv4 for compatible forms).
     */
    public static String numeric(byte[] a) {
        boolean mapped = allZero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        if (mapped) {
            return v4(a, 12);
        }
        if (allZero(a, 4, 16)) {
            return v4(a, 0);
        }
        return v6(a);
    }

    /** True when ut_addr_v6 holds nothing. */
    public static boolean isEmpty(byte[] a) {
        return allZero(a, 0, 16);
    }

    private static boolean allZero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String v4(byte[] a, int at) {
        return (a[at] & 0xff) + "." + (a[at + 1] & 0xff) + "." + (a[at + 2] & 0xff) + "." + (a[at + 3] & 0xff);
    }

    /** glibc inet_ntop6: the longest run (first of equals) of two or more zero words becomes "::". */
    static String v6(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(v4(a, 12));
                break;
            }
            sb.append(Integer.toHexString(w[i]).toLowerCase(Locale.ROOT));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}

package dev.vigil.sensor.decode;

/** The Internet checksum (RFC 1071) and the TCP/UDP/ICMPv6 pseudo-header sums (RFC 793 §3.1, RFC 8200 §8.1). */
public final class Checksum {
    private Checksum() {
    }

    /** Adds the 16-bit big-endian words of {@code len} bytes to {@code sum} (odd tail padded with zero). */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len - 1;
        while (i < end) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            i += 2;
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a running sum to 16 bits; a valid packet sums to 0xffff. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** True when the transport segment at {@code off..off+len} of packet {@code p} has a valid checksum. */
    public static boolean transportValid(Packet p, int proto, int off, int len) {
        long sum = 0;
        byte[] b = p.data;
        if (p.ipVersion == 4) {
            sum = add(sum, b, p.ipOff + 12, 8);
        } else {
            sum = add(sum, b, p.ipOff + 8, 32);
        }
        sum += proto;
        sum += len;
        sum = add(sum, b, off, len);
        return fold(sum) == 0xffff;
    }
}

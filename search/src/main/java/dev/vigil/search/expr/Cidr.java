package dev.vigil.search.expr;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** cidrmatch(): IPv4 and IPv6 literals only (never a name lookup). */
final class Cidr {
    private Cidr() {}

    static Boolean matches(String cidr, String ip) {
        if (cidr == null || ip == null) return null;
        int slash = cidr.indexOf('/');
        String net = slash < 0 ? cidr : cidr.substring(0, slash);
        byte[] a = literal(net), b = literal(ip.trim());
        if (a == null || b == null || a.length != b.length) return false;
        int bits = a.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (bits < 0 || bits > a.length * 8) return false;
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - bits);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    /** Bytes of an IP literal, or null when the text is not one. */
    static byte[] literal(String s) {
        if (s.indexOf(':') >= 0) {
            if (!s.matches("[0-9A-Fa-f:.]+")) return null;
            try {
                return InetAddress.getByName(s).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3 || !p[i].chars().allMatch(Character::isDigit)) return null;
            int n = Integer.parseInt(p[i]);
            if (n > 255) return null;
            out[i] = (byte) n;
        }
        return out;
    }
}

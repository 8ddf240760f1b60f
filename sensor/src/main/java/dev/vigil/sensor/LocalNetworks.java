package dev.vigil.sensor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Site::local_nets: from a networks.cfg (one "prefix/len [description]" per line, # comments, as
 * ZeekControl's etc/networks.cfg) or Zeek's defaults (private_address_space).
 */
public final class LocalNetworks {
    private record Net(long hi, long lo, int bits) {
        boolean contains(long ahi, long alo) {
            if (bits == 0) {
                return true;
            }
            if (bits <= 64) {
                long mask = bits == 64 ? -1L : ~(-1L >>> bits);
                return (ahi & mask) == (hi & mask);
            }
            long mask = bits == 128 ? -1L : ~(-1L >>> (bits - 64));
            return ahi == hi && (alo & mask) == (lo & mask);
        }
    }

    private static final String[] DEFAULTS = {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/24", "239.0.0.0/8", "240.0.0.0/4", "255.255.255.255/32",
        "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:2::/48", "2001:db8::/32",
        "fc00::/7", "fe80::/10", "fec0::/10",
        // 6to4 forms (2002::/16 + the IPv4 prefix) of the IPv4 ranges
        "2002::/24", "2002:a00::/24", "2002:6440::/26", "2002:7f00::/24", "2002:a9fe::/32", "2002:ac10::/28",
        "2002:c000::/40", "2002:c000:200::/40", "2002:c0a8::/32", "2002:c612::/31", "2002:c633:6400::/40",
        "2002:cb00:7100::/40", "2002:e000::/40", "2002:ef00::/24", "2002:f000::/20", "2002:ffff:ffff::/48",
    };

    private final List<Net> nets;
    private final Net[] v4;
    private final Net[] v6;

    private LocalNetworks(List<Net> nets) {
        this.nets = nets;
        this.v4 = nets.stream().filter(n -> n.bits >= 96 && Addresses.isV4(n.hi, n.lo)).toArray(Net[]::new);
        this.v6 = nets.stream().filter(n -> !(n.bits >= 96 && Addresses.isV4(n.hi, n.lo))).toArray(Net[]::new);
    }

    /** Zeek's default local networks (Site::private_address_space_is_local). */
    public static LocalNetworks defaults() {
        List<Net> l = new ArrayList<>();
        for (String s : DEFAULTS) {
            l.add(parse(s, "defaults", 0));
        }
        return new LocalNetworks(l);
    }

    /** Reads a networks.cfg. Errors name the file and line. */
    public static LocalNetworks load(Path file) throws IOException {
        List<Net> l = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            int hash = s.indexOf('#');
            if (hash >= 0) {
                s = s.substring(0, hash).strip();
            }
            if (s.isEmpty()) {
                continue;
            }
            String prefix = s.split("\\s+", 2)[0];
            try {
                l.add(parse(prefix, file.toString(), i + 1));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
        return new LocalNetworks(l);
    }

    private static Net parse(String s, String where, int line) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        if (!addr.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(where + ":" + line + ":1: expected an address prefix, found '" + s + "'");
        }
        byte[] b;
        try {
            b = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(where + ":" + line + ":1: expected an address prefix, found '" + s + "'");
        }
        int bits;
        try {
            bits = slash < 0 ? b.length * 8 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ":" + line + ":" + (slash + 2) + ": expected a prefix length, found '" + s.substring(slash + 1) + "'");
        }
        if (bits < 0 || bits > b.length * 8) {
            throw new IllegalArgumentException(where + ":" + line + ":" + (slash + 2) + ": prefix length " + bits + " out of range");
        }
        long hi = 0, lo = 0;
        if (b.length == 4) {
            lo = 0x0000ffff00000000L | (((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL));
            bits += 96;
        } else {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xff);
                lo = (lo << 8) | (b[i + 8] & 0xff);
            }
        }
        return new Net(hi, lo, bits);
    }

    public boolean isEmpty() {
        return nets.isEmpty();
    }

    public boolean contains(long hi, long lo) {
        // an IPv4 address only falls in IPv4 prefixes, and vice versa
        for (Net n : Addresses.isV4(hi, lo) ? v4 : v6) {
            if (n.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }
}

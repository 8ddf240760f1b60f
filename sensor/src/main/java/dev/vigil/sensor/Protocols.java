package dev.vigil.sensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocols Zeek's base scripts know, with the ports each registers (which become
 * likely_server_ports and attach analyzers by port), and the names accepted by --only.
 */
public final class Protocols {
    private Protocols() {
    }

    /** Script names accepted by --only (the last part of each loaded script's path). */
    public static final Set<String> ONLY_NAMES = Set.of("conn", "http", "dns", "ftp", "smtp", "ssl", "pop3", "ssh",
            "ntp", "x509", "weird", "tunnels", "hash", "extract", "hash-all-files", "files", "notice", "dpd");

    /** Analyzer name → TCP ports registered by its base script. */
    static final Map<String, List<Integer>> TCP_PORTS = Map.ofEntries(
            Map.entry("dns", List.of(53)),
            Map.entry("http", List.of(80, 81, 631, 1080, 3128, 8000, 8080, 8888)),
            Map.entry("ftp", List.of(21, 2811)),
            Map.entry("smtp", List.of(25, 587)),
            Map.entry("ssl", List.of(443, 563, 585, 614, 636, 989, 990, 992, 993, 995, 5223)),
            Map.entry("ssh", List.of(22)),
            Map.entry("pop3", List.of(110)),
            Map.entry("imap", List.of(143)),
            Map.entry("mysql", List.of(3306)),
            Map.entry("rdp", List.of(3389)),
            Map.entry("smb", List.of(139, 445)),
            Map.entry("dce_rpc", List.of(135)),
            Map.entry("krb", List.of(88)),
            Map.entry("ldap", List.of(389, 3268)),
            Map.entry("socks", List.of(1080)),
            Map.entry("modbus", List.of(502)),
            Map.entry("dnp3", List.of(20000)),
            Map.entry("xmpp", List.of(5222, 5269)),
            Map.entry("mqtt", List.of(1883)),
            Map.entry("postgresql", List.of(5432)),
            Map.entry("ident", List.of(113)),
            Map.entry("finger", List.of(79)));

    /** Analyzer name → UDP ports registered by its base script. */
    static final Map<String, List<Integer>> UDP_PORTS = Map.ofEntries(
            Map.entry("dns", List.of(53, 137, 5353, 5355)),
            Map.entry("ntp", List.of(123)),
            Map.entry("dhcp", List.of(67, 68)),
            Map.entry("snmp", List.of(161, 162)),
            Map.entry("syslog", List.of(514)),
            Map.entry("radius", List.of(1812)),
            Map.entry("sip", List.of(5060)),
            Map.entry("krb", List.of(88)),
            Map.entry("ldap", List.of(389)),
            Map.entry("dnp3", List.of(20000)),
            Map.entry("quic", List.of(443)),
            Map.entry("tunnels", List.of(2152, 2123, 3544, 5072, 4789, 6081)));

    /** The --only name closest to a misspelt one (edit distance at most 2), or null. */
    public static String closest(String name) {
        String best = null;
        int bestD = 3;
        for (String n : new java.util.TreeSet<>(ONLY_NAMES)) {
            int d = distance(name, n);
            if (d < bestD) {
                bestD = d;
                best = n;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Is the analyzer loaded in this mode? {@code only == null} means default mode (all of base/). */
    static boolean loaded(Set<String> only, String name) {
        return only == null || only.contains(name);
    }
}

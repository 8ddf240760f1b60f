package dev.vigil.sensor.analyzer;

import java.util.Map;

/** Names Zeek's DNS script prints for numeric codes (base/protocols/dns/consts.zeek). */
final class DnsNames {
    private DnsNames() {
    }

    static final Map<Integer, String> TYPES = Map.ofEntries(
            Map.entry(1, "A"), Map.entry(2, "NS"), Map.entry(3, "MD"), Map.entry(4, "MF"), Map.entry(5, "CNAME"),
            Map.entry(6, "SOA"), Map.entry(7, "MB"), Map.entry(8, "MG"), Map.entry(9, "MR"), Map.entry(10, "NULL"),
            Map.entry(11, "WKS"), Map.entry(12, "PTR"), Map.entry(13, "HINFO"), Map.entry(14, "MINFO"),
            Map.entry(15, "MX"), Map.entry(16, "TXT"), Map.entry(17, "RP"), Map.entry(18, "AFSDB"), Map.entry(19, "X25"),
            Map.entry(20, "ISDN"), Map.entry(21, "RT"), Map.entry(22, "NSAP"), Map.entry(23, "NSAP-PTR"),
            Map.entry(24, "SIG"), Map.entry(25, "KEY"), Map.entry(26, "PX"), Map.entry(27, "GPOS"), Map.entry(28, "AAAA"),
            Map.entry(29, "LOC"), Map.entry(30, "NXT"), Map.entry(31, "EID"), Map.entry(32, "NIMLOC"), Map.entry(33, "SRV"),
            Map.entry(34, "ATMA"), Map.entry(35, "NAPTR"), Map.entry(36, "KX"), Map.entry(37, "CERT"), Map.entry(38, "A6"),
            Map.entry(39, "DNAME"), Map.entry(40, "SINK"), Map.entry(41, "OPT"), Map.entry(42, "APL"), Map.entry(43, "DS"),
            Map.entry(44, "SSHFP"), Map.entry(45, "IPSECKEY"), Map.entry(46, "RRSIG"), Map.entry(47, "NSEC"),
            Map.entry(48, "DNSKEY"), Map.entry(49, "DHCID"), Map.entry(50, "NSEC3"), Map.entry(51, "NSEC3PARAM"),
            Map.entry(52, "TLSA"), Map.entry(53, "SMIMEA"), Map.entry(55, "HIP"), Map.entry(59, "CDS"),
            Map.entry(60, "CDNSKEY"), Map.entry(61, "OPENPGPKEY"), Map.entry(62, "CSYNC"), Map.entry(63, "ZONEMD"),
            Map.entry(64, "SVCB"), Map.entry(65, "HTTPS"), Map.entry(99, "SPF"), Map.entry(100, "UINFO"),
            Map.entry(101, "UID"), Map.entry(102, "GID"), Map.entry(103, "UNSPEC"), Map.entry(249, "TKEY"),
            Map.entry(250, "TSIG"), Map.entry(251, "IXFR"), Map.entry(252, "AXFR"), Map.entry(253, "MAILB"),
            Map.entry(254, "MAILA"), Map.entry(255, "*"), Map.entry(256, "URI"), Map.entry(257, "CAA"),
            Map.entry(32768, "TA"), Map.entry(32769, "DLV"));

    static final Map<Integer, String> CLASSES = Map.of(1, "C_INTERNET", 2, "C_CSNET", 3, "C_CHAOS", 4, "C_HESIOD",
            254, "C_NONE", 255, "C_ANY");

    static final Map<Integer, String> RCODES = Map.ofEntries(
            Map.entry(0, "NOERROR"), Map.entry(1, "FORMERR"), Map.entry(2, "SERVFAIL"), Map.entry(3, "NXDOMAIN"),
            Map.entry(4, "NOTIMP"), Map.entry(5, "REFUSED"), Map.entry(6, "YXDOMAIN"), Map.entry(7, "YXRRSET"),
            Map.entry(8, "NXRRSET"), Map.entry(9, "NOTAUTH"), Map.entry(10, "NOTZONE"), Map.entry(16, "BADVERS"),
            Map.entry(17, "BADKEY"), Map.entry(18, "BADTIME"), Map.entry(19, "BADMODE"), Map.entry(20, "BADNAME"),
            Map.entry(21, "BADALG"), Map.entry(22, "BADTRUNC"), Map.entry(23, "BADCOOKIE"));

    static final Map<Integer, String> OPCODES = Map.of(0, "query", 1, "iquery", 2, "status", 4, "notify", 5, "update",
            6, "dso");

    /** RFC 1002 §4.2.1.1 NetBIOS name service opcodes. */
    static final Map<Integer, String> NETBIOS_OPCODES = Map.of(0, "netbios-query", 5, "netbios-registration",
            6, "netbios-release", 7, "netbios-wack", 8, "netbios-refresh", 9, "netbios-refresh");

    static String type(int t) {
        String s = TYPES.get(t);
        return s != null ? s : "query-" + t;
    }

    static String klass(int c) {
        String s = CLASSES.get(c);
        return s != null ? s : "unknown-" + c;
    }

    static String rcode(int r) {
        String s = RCODES.get(r);
        return s != null ? s : "unknown-" + r;
    }

    static String opcode(int o, boolean netbios) {
        String s = (netbios ? NETBIOS_OPCODES : OPCODES).get(o);
        return s != null ? s : "unknown-" + o;
    }
}

package dev.vigil.sensor.decode;

/** LINKTYPE_* values from the tcpdump.org link-layer header type registry. */
public final class LinkType {
    /** BSD loopback: 4-byte address family in host byte order. */
    public static final int NULL = 0;
    /** IEEE 802.3 Ethernet. */
    public static final int ETHERNET = 1;
    /** PPP in HDLC-like framing (RFC 1662). */
    public static final int PPP_HDLC = 50;
    /** Raw IPv4 or IPv6, version from the first nibble. */
    public static final int RAW = 101;
    /** Raw IP on some BSDs (DLT_RAW 12 / 14). */
    public static final int RAW_BSD12 = 12;
    /** Raw IP on some BSDs (DLT_RAW 14). */
    public static final int RAW_BSD14 = 14;
    /** OpenBSD loopback: address family in network byte order. */
    public static final int LOOP = 108;
    /** Linux cooked capture v1. */
    public static final int LINUX_SLL = 113;
    /** Raw IPv4. */
    public static final int IPV4 = 228;
    /** Raw IPv6. */
    public static final int IPV6 = 229;
    /** Linux cooked capture v2. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}

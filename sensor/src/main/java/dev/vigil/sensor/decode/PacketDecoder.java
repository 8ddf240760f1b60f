package dev.vigil.sensor.decode;

import dev.vigil.sensor.capture.PacketSink;

/**
 * Decodes link-layer frames down to IP and hands each IP packet to a {@link DecodeListener}.
 * One instance per capture; not thread-safe; reuses one {@link Packet} for every packet.
 */
public final class PacketDecoder implements PacketSink {
    /** EtherType values (IEEE 802 numbers registry). */
    static final int ETH_IPV4 = 0x0800, ETH_IPV6 = 0x86DD, ETH_VLAN = 0x8100, ETH_QINQ = 0x88A8,
            ETH_QINQ_OLD = 0x9100, ETH_MPLS = 0x8847, ETH_MPLS_MC = 0x8848, ETH_PPPOE_SESSION = 0x8864,
            ETH_TEB = 0x6558, ETH_ERSPAN2 = 0x88BE, ETH_ERSPAN3 = 0x22EB, ETH_PPP = 0x880B;
    /** PPP protocol numbers (RFC 1332 IPCP → IPv4 0x0021, RFC 5072 → IPv6 0x0057). */
    static final int PPP_IPV4 = 0x0021, PPP_IPV6 = 0x0057;
    /** Nesting limit for tunnels inside tunnels, so crafted input cannot recurse without end. */
    static final int MAX_DEPTH = 8;

    private final DecodeListener out;
    private final boolean ignoreChecksums;
    private final Packet pkt = new Packet();
    private final FragmentReassembler frags;
    private double ts;
    /** Where the packet ends on the wire, in the frame of the buffer being decoded (captured end + cut bytes). */
    private int wireEnd;

    public PacketDecoder(DecodeListener out, boolean ignoreChecksums, int maxPendingFragments) {
        this.out = out;
        this.ignoreChecksums = ignoreChecksums;
        this.frags = new FragmentReassembler(maxPendingFragments);
    }

    /** Time of the packet being decoded. */
    public double currentTime() {
        return ts;
    }

    @Override
    public void packet(int linkType, long sec, int micros, byte[] d, int off, int capLen, int wireLen) {
        ts = sec + micros / 1e6;
        int end = off + capLen;
        wireEnd = off + Math.max(wireLen, capLen);
        try {
            link(linkType, d, off, end);
        } catch (ArrayIndexOutOfBoundsException e) {
            // Every access is bounds-checked below; this is the last line of defence for crafted input.
            out.weird("truncated_header", ts);
        }
    }

    private void link(int linkType, byte[] d, int off, int end) {
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(d, off, end, null, 0);
            case LinkType.RAW, LinkType.RAW_BSD12, LinkType.RAW_BSD14, LinkType.IPV4, LinkType.IPV6 -> ip(d, off, end, null, 0);
            case LinkType.NULL, LinkType.LOOP -> {
                if (end - off < 4) {
                    out.weird("truncated_link_header", ts);
                    return;
                }
                int fam = linkType == LinkType.LOOP ? be32(d, off) : le32(d, off);
                if (fam == 2 || fam == 24 || fam == 28 || fam == 30) {
                    ip(d, off + 4, end, null, 0);
                }
            }
            case LinkType.LINUX_SLL -> {
                if (end - off < 16) {
                    out.weird("truncated_link_header", ts);
                    return;
                }
                ethertype(u16(d, off + 14), d, off + 16, end, null, 0);
            }
            case LinkType.LINUX_SLL2 -> {
                if (end - off < 20) {
                    out.weird("truncated_link_header", ts);
                    return;
                }
                ethertype(u16(d, off), d, off + 20, end, null, 0);
            }
            case LinkType.PPP_HDLC -> ppp(d, off, end, null, 0);
            default -> out.weird("unknown_link_type_" + linkType, ts);
        }
    }

    private void ethernet(byte[] d, int off, int end, Tunnel t, int depth) {
        if (end - off < 14) {
            out.weird("truncated_link_header", ts);
            return;
        }
        ethertype(u16(d, off + 12), d, off + 14, end, t, depth);
    }

    private void ethertype(int type, byte[] d, int off, int end, Tunnel t, int depth) {
        while (true) {
            switch (type) {
                case ETH_IPV4, ETH_IPV6 -> {
                    ip(d, off, end, t, depth);
                    return;
                }
                case ETH_VLAN, ETH_QINQ, ETH_QINQ_OLD -> { // IEEE 802.1Q / 802.1ad tag
                    if (end - off < 4) {
                        out.weird("truncated_VLAN_header", ts);
                        return;
                    }
                    type = u16(d, off + 2);
                    off += 4;
                }
                case ETH_MPLS, ETH_MPLS_MC -> {
                    mpls(d, off, end, t, depth);
                    return;
                }
                case ETH_PPPOE_SESSION -> { // RFC 2516 §4: 6-byte header, then the PPP protocol field
                    if (end - off < 8) {
                        out.weird("truncated_PPPoE_header", ts);
                        return;
                    }
                    int proto = u16(d, off + 6);
                    if (proto == PPP_IPV4 || proto == PPP_IPV6) {
                        ip(d, off + 8, end, t, depth);
                    }
                    return;
                }
                default -> {
                    return; // ARP, LLDP, 802.3 length fields...: not IP, nothing to analyse
                }
            }
        }
    }

    /** RFC 3032 §2.1: 4-byte label stack entries until the bottom-of-stack bit; the payload is guessed from its first nibble. */
    private void mpls(byte[] d, int off, int end, Tunnel t, int depth) {
        while (true) {
            if (end - off < 4) {
                out.weird("truncated_link_header", ts);
                return;
            }
            boolean bottom = (d[off + 2] & 1) != 0;
            off += 4;
            if (bottom) {
                break;
            }
        }
        if (off >= end) {
            return;
        }
        int v = (d[off] & 0xff) >> 4;
        if (v == 4 || v == 6) {
            ip(d, off, end, t, depth);
        } else {
            out.weird("no_ip_in_mpls_payload", ts);
        }
    }

    private void ppp(byte[] d, int off, int end, Tunnel t, int depth) {
        if (end - off >= 2 && (d[off] & 0xff) == 0xff && d[off + 1] == 0x03) {
            off += 2; // RFC 1662 address and control fields
        }
        if (end - off < 1) {
            return;
        }
        int proto;
        if ((d[off] & 1) != 0) { // RFC 1661 §2: protocol field compressed to one byte
            proto = d[off] & 0xff;
            off += 1;
        } else {
            if (end - off < 2) {
                return;
            }
            proto = u16(d, off);
            off += 2;
        }
        if (proto == PPP_IPV4 || proto == PPP_IPV6) {
            ip(d, off, end, t, depth);
        }
    }

    void ip(byte[] d, int off, int end, Tunnel t, int depth) {
        if (end - off < 1) {
            out.weird("truncated_IP", ts);
            return;
        }
        int v = (d[off] & 0xff) >> 4;
        if (v == 4) {
            ipv4(d, off, end, t, depth);
        } else if (v == 6) {
            ipv6(d, off, end, t, depth);
        } else {
            out.weird("unknown_ip_version", ts);
        }
    }

    /** IPv4 (RFC 791), with the checks and weird names of Zeek's IP analyzer, in its order. */
    private void ipv4(byte[] d, int off, int end, Tunnel t, int depth) {
        if (end - off < 20) {
            out.weird("truncated_IP", ts);
            return;
        }
        int hlen = (d[off] & 0x0f) * 4;
        int total = u16(d, off + 2);
        if (total == 0) { // TCP segmentation offload leaves the length zero; Zeek trusts the capture only with -C
            out.weird("ip_hdr_len_zero", ts);
            if (!ignoreChecksums) {
                return;
            }
            total = end - off;
        }
        if (wireEnd - off < total) {
            out.weird("truncated_IP_len", ts); // the header claims more than was on the wire
            return;
        }
        if (hlen > total) {
            out.weird("invalid_IP_header_size", ts);
            return;
        }
        if (hlen > end - off) {
            out.weird("internally_truncated_header", ts);
            return;
        }
        if (hlen < 20) {
            out.weird("IPv4_min_header_size", ts);
            return;
        }
        if (!ignoreChecksums && Checksum.fold(Checksum.add(0, d, off, hlen)) != 0xffff) {
            out.weird("bad_IP_checksum", ts);
            return;
        }
        int fragField = u16(d, off + 6);
        boolean more = (fragField & 0x2000) != 0;
        int fragOff = (fragField & 0x1fff) * 8;
        if (more || fragOff != 0) {
            if (end - off < total) {
                // cut by the snapshot length: a first fragment is analysed as it is, later ones are dropped
                out.weird("incompletely_captured_fragment", ts);
                if (fragOff != 0) {
                    return;
                }
            } else {
                byte[] whole = frags.addV4(d, off, hlen, total, fragOff, more, ts);
                if (whole != null) {
                    int savedWireEnd = wireEnd;
                    wireEnd = whole.length;
                    ipv4(whole, 0, whole.length, t, depth);
                    wireEnd = savedWireEnd;
                }
                return;
            }
        }
        Packet p = pkt;
        p.data = d;
        p.ipOff = off;
        p.ipVersion = 4;
        p.ipLen = total;
        p.proto = d[off + 9] & 0xff;
        p.l4Off = off + hlen;
        p.l4Len = total - hlen;
        p.l4Cap = Math.min(end, off + total) - p.l4Off;
        p.srcHi = 0;
        p.srcLo = Packet.V4_MAPPED_LO | (be32(d, off + 12) & 0xffffffffL);
        p.dstHi = 0;
        p.dstLo = Packet.V4_MAPPED_LO | (be32(d, off + 16) & 0xffffffffL);
        p.tunnel = t;
        p.ts = ts;
        transport(p, end, depth);
    }

    private void ipv6(byte[] d, int off, int end, Tunnel t, int depth) {
        if (end - off < 40) {
            out.weird("truncated_IP", ts);
            return;
        }
        int payload = u16(d, off + 4);
        int total = 40 + payload;
        if (wireEnd - off < total) {
            out.weird("truncated_IP_len", ts);
            return;
        }
        int next = d[off + 6] & 0xff;
        int o = off + 40;
        int limit = Math.min(end, off + total);
        // RFC 8200 §4: walk the extension header chain.
        while (true) {
            if (next == 0 || next == 43 || next == 60 || next == 135) {
                if (limit - o < 2) {
                    out.weird("truncated_IPv6_ext_header", ts);
                    return;
                }
                int n = d[o] & 0xff;
                o += ((d[o + 1] & 0xff) + 1) * 8;
                next = n;
            } else if (next == 51) { // RFC 4302 §2.2: AH length in 4-byte units minus 2
                if (limit - o < 2) {
                    out.weird("truncated_IPv6_ext_header", ts);
                    return;
                }
                int n = d[o] & 0xff;
                o += ((d[o + 1] & 0xff) + 2) * 4;
                next = n;
            } else if (next == 44) { // RFC 8200 §4.5 fragment header
                if (limit - o < 8) {
                    out.weird("truncated_IPv6_ext_header", ts);
                    return;
                }
                int fragField = u16(d, o + 2);
                int fragOff = fragField & 0xfff8;
                boolean more = (fragField & 1) != 0;
                if (fragOff != 0 || more) {
                    if (end - off < total) {
                        out.weird("incompletely_captured_fragment", ts);
                        return;
                    }
                    byte[] whole = frags.addV6(d, off, o, d[o] & 0xff, total, fragOff, more, be32(d, o + 4), ts);
                    if (whole != null) {
                        int savedWireEnd = wireEnd;
                        wireEnd = whole.length;
                        ipv6(whole, 0, whole.length, t, depth);
                        wireEnd = savedWireEnd;
                    }
                    return;
                }
                next = d[o] & 0xff;
                o += 8;
            } else {
                break;
            }
            if (o > limit) {
                out.weird("truncated_IPv6_ext_header", ts);
                return;
            }
        }
        Packet p = pkt;
        p.data = d;
        p.ipOff = off;
        p.ipVersion = 6;
        p.ipLen = total;
        p.proto = next;
        p.l4Off = o;
        p.l4Len = off + total - o;
        p.l4Cap = limit - o;
        p.srcHi = Packet.be64(d, off + 8);
        p.srcLo = Packet.be64(d, off + 16);
        p.dstHi = Packet.be64(d, off + 24);
        p.dstLo = Packet.be64(d, off + 32);
        p.tunnel = t;
        p.ts = ts;
        transport(p, end, depth);
    }

    private void transport(Packet p, int end, int depth) {
        switch (p.proto) {
            case 4, 41 -> { // IP in IP (RFC 2003), IPv6 in IP (RFC 4213)
                if (depth >= MAX_DEPTH) {
                    out.weird("exceeded_tunnel_max_depth", ts);
                    return;
                }
                Tunnel inner = out.tunnel(p, "IP");
                ip(p.data, p.l4Off, p.l4Off + p.l4Cap, inner, depth + 1);
            }
            case 47 -> {
                if (depth >= MAX_DEPTH) {
                    out.weird("exceeded_tunnel_max_depth", ts);
                    return;
                }
                gre(p, depth);
            }
            default -> out.ip(p);
        }
    }

    /** GRE, RFC 2784/2890 (version 0) and RFC 2637 §4.1 enhanced GRE for PPTP (version 1). */
    private void gre(Packet p, int depth) {
        byte[] d = p.data;
        int off = p.l4Off;
        int end = off + p.l4Cap;
        if (end - off < 4) {
            out.weird("truncated_GRE", ts);
            return;
        }
        int flags = u16(d, off);
        int proto = u16(d, off + 2);
        int version = flags & 7;
        int hlen = 4;
        if (version == 0) {
            if ((flags & 0x8000) != 0 || (flags & 0x4000) != 0) {
                hlen += 4; // checksum (+ reserved) present
            }
            if ((flags & 0x2000) != 0) {
                hlen += 4; // key
            }
            if ((flags & 0x1000) != 0) {
                hlen += 4; // sequence number
            }
        } else if (version == 1) {
            hlen += 4; // key (payload length + call id) is mandatory
            if ((flags & 0x1000) != 0) {
                hlen += 4;
            }
            if ((flags & 0x0080) != 0) {
                hlen += 4; // acknowledgment number
            }
        } else {
            out.weird("unknown_gre_version_" + version, ts);
            return;
        }
        if (end - off < hlen) {
            out.weird("truncated_GRE", ts);
            return;
        }
        int in = off + hlen;
        Tunnel t = out.tunnel(p, "GRE");
        switch (proto) {
            case ETH_IPV4, ETH_IPV6 -> ip(d, in, end, t, depth + 1);
            case ETH_TEB -> ethernet(d, in, end, t, depth + 1);
            case ETH_MPLS, ETH_MPLS_MC -> mpls(d, in, end, t, depth + 1);
            case ETH_PPP -> ppp(d, in, end, t, depth + 1);
            case ETH_ERSPAN2 -> ethernet(d, in + 8, end, t, depth + 1);
            case ETH_ERSPAN3 -> {
                if (end - in < 12) {
                    out.weird("truncated_GRE", ts);
                    return;
                }
                int o = in + 12 + ((d[in + 11] & 1) != 0 ? 8 : 0);
                ethernet(d, o, end, t, depth + 1);
            }
            default -> out.weird("unknown_gre_protocol_" + proto, ts);
        }
    }

    static int u16(byte[] d, int off) {
        return ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
    }

    static int be32(byte[] d, int off) {
        return ((d[off] & 0xff) << 24) | ((d[off + 1] & 0xff) << 16) | ((d[off + 2] & 0xff) << 8) | (d[off + 3] & 0xff);
    }

    static int le32(byte[] d, int off) {
        return (d[off] & 0xff) | ((d[off + 1] & 0xff) << 8) | ((d[off + 2] & 0xff) << 16) | ((d[off + 3] & 0xff) << 24);
    }
}

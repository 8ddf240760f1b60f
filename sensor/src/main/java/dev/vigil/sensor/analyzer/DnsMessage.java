package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A parsed DNS message (RFC 1035 §4.1): header, questions and the answer section as Zeek summarises it. */
final class DnsMessage {
    /** Longest name RFC 1035 §2.3.4 allows. */
    static final int MAX_NAME = 255;
    /** Compression pointers followed before a name is rejected as a loop. */
    static final int MAX_POINTERS = 64;
    /** Zeek's dns_max_queries: more questions than this is not DNS. */
    static final int MAX_QUESTIONS = 25;

    int id, opcode, rcode, z;
    boolean qr, aa, tc, rd, ra;
    int qdcount, ancount, nscount, arcount;
    final List<byte[]> qnames = new ArrayList<>();
    final List<int[]> qtypeClass = new ArrayList<>();
    /** Answer-section records: owner name, rendered reply ("" for none), TTL. */
    final List<Answer> answers = new ArrayList<>();

    record Answer(byte[] owner, byte[] reply, long ttl) {
    }

    private DnsMessage() {
    }

    /** Parses the header and questions; answers as far as they parse. Null when not a DNS message. */
    static DnsMessage parse(byte[] d, int off, int len) {
        if (len < 12) {
            return null;
        }
        DnsMessage m = new DnsMessage();
        m.id = u16(d, off);
        int f = u16(d, off + 2);
        m.qr = (f & 0x8000) != 0;
        m.opcode = (f >> 11) & 0xf;
        m.aa = (f & 0x0400) != 0;
        m.tc = (f & 0x0200) != 0;
        m.rd = (f & 0x0100) != 0;
        m.ra = (f & 0x0080) != 0;
        m.z = (f >> 4) & 7;
        m.rcode = f & 0xf;
        m.qdcount = u16(d, off + 4);
        m.ancount = u16(d, off + 6);
        m.nscount = u16(d, off + 8);
        m.arcount = u16(d, off + 10);
        if (m.qdcount > MAX_QUESTIONS) {
            return null;
        }
        int end = off + len;
        int[] pos = {off + 12};
        for (int i = 0; i < m.qdcount; i++) {
            byte[] name = name(d, off, end, pos);
            if (name == null || pos[0] + 4 > end) {
                return null;
            }
            m.qnames.add(name);
            m.qtypeClass.add(new int[] {u16(d, pos[0]), u16(d, pos[0] + 2)});
            pos[0] += 4;
        }
        for (int i = 0; i < m.ancount; i++) {
            byte[] owner = name(d, off, end, pos);
            if (owner == null || pos[0] + 10 > end) {
                break;
            }
            int type = u16(d, pos[0]);
            long ttl = ((long) u16(d, pos[0] + 4) << 16) | u16(d, pos[0] + 6);
            int rdlen = u16(d, pos[0] + 8);
            int rd = pos[0] + 10;
            if (rd + rdlen > end) {
                break;
            }
            byte[] reply = rdata(d, off, end, type, rd, rdlen);
            if (reply == null) {
                break;
            }
            m.answers.add(new Answer(owner, reply, ttl));
            pos[0] = rd + rdlen;
        }
        return m;
    }

    private static byte[] rdata(byte[] d, int msg, int end, int type, int rd, int rdlen) {
        switch (type) {
            case 1 -> {
                if (rdlen != 4) {
                    return null;
                }
                long lo = 0x0000ffff00000000L | ((long) (d[rd] & 0xff) << 24 | (d[rd + 1] & 0xff) << 16
                        | (d[rd + 2] & 0xff) << 8 | (d[rd + 3] & 0xff));
                return Addresses.format(0, lo).getBytes();
            }
            case 28 -> {
                if (rdlen != 16) {
                    return null;
                }
                long hi = 0, lo = 0;
                for (int i = 0; i < 8; i++) {
                    hi = hi << 8 | (d[rd + i] & 0xff);
                    lo = lo << 8 | (d[rd + 8 + i] & 0xff);
                }
                return Addresses.format(hi, lo).getBytes();
            }
            case 2, 5, 12, 39 -> { // NS, CNAME, PTR, DNAME: a domain name
                return name(d, msg, rd + rdlen, new int[] {rd});
            }
            case 15 -> { // MX: preference, exchange
                return rdlen < 3 ? null : name(d, msg, rd + rdlen, new int[] {rd + 2});
            }
            case 6 -> { // SOA: the mname
                return name(d, msg, rd + rdlen, new int[] {rd});
            }
            case 33 -> { // SRV: priority, weight, port, target
                return rdlen < 7 ? null : name(d, msg, rd + rdlen, new int[] {rd + 6});
            }
            case 16, 99 -> { // TXT, SPF: "TXT <len> <string>" per character-string
                String tag = type == 16 ? "TXT " : "SPF ";
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int p = rd;
                int stop = rd + rdlen;
                boolean first = true;
                while (p < stop) {
                    int n = d[p] & 0xff;
                    if (p + 1 + n > stop) {
                        return null;
                    }
                    if (!first) {
                        out.write(' ');
                    }
                    first = false;
                    out.writeBytes((tag + n + " ").getBytes());
                    out.write(d, p + 1, n);
                    p += 1 + n;
                }
                return out.toByteArray();
            }
            case 11 -> {
                return new byte[0]; // WKS: Zeek logs no answer text
            }
            case 41 -> {
                return new byte[0]; // OPT pseudo-record carries no answer
            }
            default -> {
                return ("<unknown type=" + type + ">").getBytes();
            }
        }
    }

    /** Reads a possibly compressed name at pos[0] and advances pos[0]; null when malformed. */
    static byte[] name(byte[] d, int msg, int end, int[] pos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        int p = pos[0];
        int pointers = 0;
        boolean jumped = false;
        while (true) {
            if (p >= end) {
                return null;
            }
            int l = d[p] & 0xff;
            if (l == 0) {
                if (!jumped) {
                    pos[0] = p + 1;
                }
                return out.toByteArray();
            }
            if ((l & 0xc0) == 0xc0) {
                if (p + 1 >= end || ++pointers > MAX_POINTERS) {
                    return null;
                }
                if (!jumped) {
                    pos[0] = p + 2;
                }
                jumped = true;
                p = msg + (((l & 0x3f) << 8) | (d[p + 1] & 0xff));
                continue;
            }
            if ((l & 0xc0) != 0 || p + 1 + l > end) {
                return null;
            }
            if (out.size() > 0) {
                out.write('.');
            }
            out.write(d, p + 1, l);
            if (out.size() > MAX_NAME) {
                return null;
            }
            p += 1 + l;
        }
    }

    static int u16(byte[] d, int o) {
        return ((d[o] & 0xff) << 8) | (d[o + 1] & 0xff);
    }

    /** NetBIOS first-level name decoding (RFC 1001 §14.1), as Zeek's decode_netbios_name. */
    static byte[] netbiosName(byte[] encoded) {
        if (encoded.length != 32) {
            return new byte[0];
        }
        byte[] buf = new byte[16];
        for (int i = 0; i < 16; i++) {
            int c0 = Character.toUpperCase(encoded[2 * i]);
            int c1 = Character.toUpperCase(encoded[2 * i + 1]);
            if (c0 < 'A' || c0 > 'Z' || c1 < 'A' || c1 > 'Z') {
                return new byte[0];
            }
            buf[i] = (byte) (((c0 - 'A') << 4) + (c1 - 'A'));
        }
        int n = 0;
        while (n < 15) {
            int c = buf[n] & 0xff;
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || (c > 32 && c < 127 && !Character.isLetterOrDigit(c)) || c < 3;
            if (!ok) {
                break;
            }
            n++;
        }
        return java.util.Arrays.copyOf(buf, n);
    }

    /** True when the header and the question section parse. */
    static boolean parses(byte[] d, int off, int len) {
        return parse(d, off, len) != null;
    }
}

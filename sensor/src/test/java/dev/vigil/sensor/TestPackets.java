package dev.vigil.sensor;

import dev.vigil.sensor.decode.Checksum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Hand-built Ethernet/IPv4/TCP/UDP packets with valid checksums (RFC 791, 793, 768), and a
 * classic pcap writer, for tests that need exactly one kind of damage in an otherwise good packet.
 */
final class TestPackets {
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    private TestPackets() {
    }

    /** An IPv4 packet; {@code ttl 64}, no options, DF clear, checksum computed. */
    static byte[] ipv4(int src, int dst, int proto, byte[] payload) {
        byte[] p = new byte[20 + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put((byte) 0x45).put((byte) 0).putShort((short) p.length).putShort((short) 1).putShort((short) 0)
                .put((byte) 64).put((byte) proto).putShort((short) 0).putInt(src).putInt(dst).put(payload);
        ipChecksum(p);
        return p;
    }

    /** Recomputes the IPv4 header checksum after a test changed a header field. */
    static void ipChecksum(byte[] ip) {
        int hlen = (ip[0] & 0x0f) * 4;
        ip[10] = 0;
        ip[11] = 0;
        int sum = ~Checksum.fold(Checksum.add(0, ip, 0, Math.min(hlen, ip.length))) & 0xffff;
        ip[10] = (byte) (sum >> 8);
        ip[11] = (byte) sum;
    }

    static byte[] tcp(int src, int dst, int sport, int dport, long seq, long ack, int flags, byte[] data) {
        byte[] t = new byte[20 + data.length];
        ByteBuffer.wrap(t).putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putShort((short) 0).putShort((short) 0)
                .put(data);
        transportChecksum(src, dst, 6, t, 16);
        return ipv4(src, dst, 6, t);
    }

    static byte[] udp(int src, int dst, int sport, int dport, byte[] data) {
        byte[] u = new byte[8 + data.length];
        ByteBuffer.wrap(u).putShort((short) sport).putShort((short) dport).putShort((short) u.length)
                .putShort((short) 0).put(data);
        transportChecksum(src, dst, 17, u, 6);
        return ipv4(src, dst, 17, u);
    }

    /** Fills the checksum at {@code at} of a TCP or UDP segment (RFC 793 §3.1 pseudo-header). */
    static void transportChecksum(int src, int dst, int proto, byte[] seg, int at) {
        seg[at] = 0;
        seg[at + 1] = 0;
        byte[] pseudo = ByteBuffer.allocate(12).putInt(src).putInt(dst).put((byte) 0).put((byte) proto)
                .putShort((short) seg.length).array();
        long sum = Checksum.add(Checksum.add(0, pseudo, 0, 12), seg, 0, seg.length);
        int c = ~Checksum.fold(sum) & 0xffff;
        if (proto == 17 && c == 0) {
            c = 0xffff; // RFC 768: zero means no checksum
        }
        seg[at] = (byte) (c >> 8);
        seg[at + 1] = (byte) c;
    }

    /** The packet in an Ethernet II frame (IPv4 ethertype). */
    static byte[] ether(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        f[5] = 1;
        f[11] = 2;
        f[12] = 0x08;
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    static int addr(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A classic little-endian microsecond pcap (link type Ethernet) written packet by packet. */
    static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private double t = 1_700_000_000.0;

        Pcap() {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(1);
            out.writeBytes(h.array());
        }

        /** Adds a frame 10 ms after the previous one. */
        Pcap add(byte[] frame) {
            return cut(frame, frame.length);
        }

        /** Adds a frame of which only {@code snap} bytes were captured (its wire length stays the frame's). */
        Pcap cut(byte[] frame, int snap) {
            t += 0.01;
            long sec = (long) t;
            int usec = (int) Math.round((t - sec) * 1e6);
            int cap = Math.min(snap, frame.length);
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) sec).putInt(usec).putInt(cap).putInt(frame.length);
            out.writeBytes(r.array());
            out.write(frame, 0, cap);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        Path write(Path file) throws IOException {
            Files.write(file, bytes());
            return file;
        }
    }

    static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }
}

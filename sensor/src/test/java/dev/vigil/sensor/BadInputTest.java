package dev.vigil.sensor;

import static dev.vigil.sensor.TestPackets.ACK;
import static dev.vigil.sensor.TestPackets.FIN;
import static dev.vigil.sensor.TestPackets.PSH;
import static dev.vigil.sensor.TestPackets.SYN;
import static dev.vigil.sensor.TestPackets.addr;
import static dev.vigil.sensor.TestPackets.ascii;
import static dev.vigil.sensor.TestPackets.ether;
import static dev.vigil.sensor.TestPackets.tcp;
import static dev.vigil.sensor.TestPackets.udp;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 point 8, one kind of damage at a time in otherwise good traffic: bogus lengths, packets cut
 * by the snapshot length, bad checksums, overlapping segments with different content, corrupt and
 * truncated files. Each is a weird under Zeek's name (or a reported byte offset for the file), and
 * the good traffic around it is still logged.
 */
class BadInputTest {
    static final int A = addr(10, 0, 0, 1), B = addr(10, 0, 0, 2), C = addr(10, 0, 0, 3);

    @TempDir
    Path dir;

    private Path run(TestPackets.Pcap pcap, boolean ignoreChecksums) throws IOException {
        SensorOptions o = new SensorOptions();
        o.input = pcap.write(dir.resolve("in.pcap"));
        o.outputDir = dir.resolve("out");
        o.ignoreChecksums = ignoreChecksums;
        Sensor.Result r = new Sensor(o).run();
        assertThat(r.error()).isNull();
        return o.outputDir;
    }

    /** weird.log as name → uid ("-" for weirds without a connection). */
    private static Map<String, String> weirds(Path out) throws IOException {
        Path w = out.resolve("weird.log");
        if (!Files.exists(w)) {
            return Map.of();
        }
        return rows(w).stream().map(l -> l.split("\t")).collect(Collectors.toMap(f -> f[6], f -> f[1], (x, y) -> x));
    }

    private static List<String> rows(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** conn.log columns by name for the row whose responder port is {@code port}. */
    private static Map<String, String> conn(Path out, int port) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("conn.log"));
        String[] names = lines.stream().filter(l -> l.startsWith("#fields")).findFirst().orElseThrow().split("\t");
        for (String r : rows(out.resolve("conn.log"))) {
            String[] f = r.split("\t");
            if (f[5].equals(Integer.toString(port))) {
                Map<String, String> m = new java.util.LinkedHashMap<>();
                for (int i = 1; i < names.length; i++) {
                    m.put(names[i], f[i - 1]);
                }
                return m;
            }
        }
        throw new AssertionError("no connection to port " + port + " in " + lines);
    }

    /** A complete small TCP exchange from {@code src} to port {@code port} of B. */
    private static void exchange(TestPackets.Pcap p, int src, int port, byte[] request) {
        p.add(ether(tcp(src, B, 40000, port, 100, 0, SYN, new byte[0])));
        p.add(ether(tcp(B, src, port, 40000, 500, 101, SYN | ACK, new byte[0])));
        p.add(ether(tcp(src, B, 40000, port, 101, 501, ACK, new byte[0])));
        p.add(ether(tcp(src, B, 40000, port, 101, 501, PSH | ACK, request)));
        p.add(ether(tcp(B, src, port, 40000, 501, 101 + request.length, ACK, new byte[0])));
        p.add(ether(tcp(src, B, 40000, port, 101 + request.length, 501, FIN | ACK, new byte[0])));
        p.add(ether(tcp(B, src, port, 40000, 501, 102 + request.length, FIN | ACK, new byte[0])));
        p.add(ether(tcp(src, B, 40000, port, 102 + request.length, 502, ACK, new byte[0])));
    }

    @Test
    void bogusLengthsAreWeirdsUnderZeeksNamesAndGoodTrafficIsStillLogged() throws Exception {
        TestPackets.Pcap p = new TestPackets.Pcap();
        exchange(p, A, 7001, ascii("hello"));
        byte[] good = udp(C, B, 5000, 7002, ascii("datagram"));

        byte[] longer = good.clone(); // IP total length beyond what was on the wire
        ByteBuffer.wrap(longer).putShort(2, (short) 400);
        TestPackets.ipChecksum(longer);
        p.add(ether(longer));
        byte[] shortHeader = good.clone(); // IHL 4: a 16-byte header
        shortHeader[0] = 0x44;
        TestPackets.ipChecksum(shortHeader);
        p.add(ether(shortHeader));
        byte[] headerBeyondTotal = good.clone(); // IHL 15 (60 bytes) in a 36-byte packet
        headerBeyondTotal[0] = 0x4f;
        TestPackets.ipChecksum(headerBeyondTotal);
        p.add(ether(headerBeyondTotal));
        byte[] zeroLength = good.clone(); // total length 0, as segmentation offload leaves it
        ByteBuffer.wrap(zeroLength).putShort(2, (short) 0);
        TestPackets.ipChecksum(zeroLength);
        p.add(ether(zeroLength));
        byte[] version7 = good.clone();
        version7[0] = 0x75;
        p.add(ether(version7));
        byte[] udpLength = good.clone(); // UDP length field 200 for a 16-byte datagram
        ByteBuffer.wrap(udpLength).putShort(24, (short) 200);
        p.add(ether(fixUdpChecksum(udpLength)));
        byte[] tcpOffset = tcp(C, B, 41000, 7003, 1, 0, SYN, new byte[0]); // data offset 3 words
        tcpOffset[32] = 0x30;
        p.add(ether(fixTcpChecksum(tcpOffset)));
        byte[] tcpInTenBytes = TestPackets.ipv4(C, B, 6, new byte[10]); // no room for a TCP header
        p.add(ether(tcpInTenBytes));
        p.add(ether(good));

        Path out = run(p, false);
        assertThat(weirds(out)).containsKeys("truncated_IP_len", "IPv4_min_header_size", "invalid_IP_header_size",
                "ip_hdr_len_zero", "unknown_ip_version", "UDP_datagram_length_mismatch", "bad_TCP_header_len",
                "truncated_header");
        assertThat(conn(out, 7001)).containsEntry("conn_state", "SF").containsEntry("orig_bytes", "5");
        // the good datagram and the one with the bogus UDP length: one connection, two packets
        assertThat(conn(out, 7002)).containsEntry("orig_pkts", "2");
    }

    @Test
    void withMinusCAZeroIpLengthIsTakenFromTheCapture() throws Exception {
        TestPackets.Pcap p = new TestPackets.Pcap();
        byte[] zeroLength = udp(C, B, 5000, 7002, ascii("datagram"));
        ByteBuffer.wrap(zeroLength).putShort(2, (short) 0);
        p.add(ether(zeroLength));
        Path out = run(p, true);
        assertThat(weirds(out)).containsKey("ip_hdr_len_zero");
        assertThat(conn(out, 7002)).containsEntry("orig_ip_bytes", "36"); // counted with the captured length
    }

    @Test
    void packetsCutByTheSnapshotLengthAreCountedAndNotAnalysed() throws Exception {
        TestPackets.Pcap p = new TestPackets.Pcap();
        byte[] body = TestPackets.repeat('x', 1000);
        p.add(ether(tcp(A, B, 40000, 7004, 100, 0, SYN, new byte[0])));
        p.add(ether(tcp(B, A, 7004, 40000, 500, 101, SYN | ACK, new byte[0])));
        p.add(ether(tcp(A, B, 40000, 7004, 101, 501, ACK, new byte[0])));
        p.cut(ether(tcp(A, B, 40000, 7004, 101, 501, PSH | ACK, body)), 14 + 20 + 20 + 100); // 100 of 1000 bytes kept
        p.add(ether(tcp(B, A, 7004, 40000, 501, 1101, ACK, new byte[0])));
        p.add(ether(tcp(A, B, 40000, 7004, 1101, 501, FIN | ACK, new byte[0])));
        p.add(ether(tcp(B, A, 7004, 40000, 501, 1102, FIN | ACK, new byte[0])));
        p.add(ether(tcp(A, B, 40000, 7004, 1102, 502, ACK, new byte[0])));
        p.cut(ether(tcp(C, B, 40001, 7005, 1, 0, SYN, new byte[0])), 14 + 20 + 10); // cut inside the TCP header
        byte[] fragment = udp(C, B, 5000, 7006, TestPackets.repeat('y', 600));
        ByteBuffer.wrap(fragment).putShort(6, (short) 0x2000); // more fragments follow
        TestPackets.ipChecksum(fragment);
        p.cut(ether(fragment), 14 + 20 + 100);

        Path out = run(p, false);
        Map<String, String> c = conn(out, 7004);
        assertThat(c).containsEntry("conn_state", "SF").containsEntry("orig_bytes", "1000")
                .containsEntry("orig_pkts", "5").containsEntry("orig_ip_bytes", Integer.toString(5 * 40 + 1000));
        // as Zeek: a segment cut by the snapshot length is not delivered at all, so its bytes are a gap
        assertThat(c).containsEntry("missed_bytes", "1000").containsEntry("history", "ShADaGFf");
        assertThat(weirds(out)).containsEntry("truncated_tcp_payload", c.get("uid"))
                .containsKeys("internally_truncated_header", "incompletely_captured_fragment");
    }

    @Test
    void badChecksumsAreWeirdsAndHistoryLettersUnlessMinusC() throws Exception {
        TestPackets.Pcap p = new TestPackets.Pcap();
        byte[] badIp = udp(C, B, 5000, 7010, ascii("x"));
        badIp[10] ^= 0x55;
        p.add(ether(badIp));
        byte[] badUdp = udp(C, B, 5001, 7011, ascii("yy"));
        badUdp[26] ^= 0x55;
        p.add(ether(badUdp));
        byte[] badTcp = tcp(A, B, 40000, 7012, 100, 0, SYN, new byte[0]);
        badTcp[36] ^= 0x55;
        p.add(ether(badTcp));
        Path out = run(p, false);
        assertThat(weirds(out)).containsKeys("bad_IP_checksum", "bad_UDP_checksum", "bad_TCP_checksum");
        assertThat(conn(out, 7011)).containsEntry("history", "C");
        assertThat(conn(out, 7012)).containsEntry("history", "C");

        Files.delete(dir.resolve("in.pcap"));
        java.nio.file.Path outC;
        SensorOptions o = new SensorOptions();
        o.input = p.write(dir.resolve("in.pcap"));
        o.outputDir = outC = dir.resolve("outC");
        o.ignoreChecksums = true;
        new Sensor(o).run();
        assertThat(weirds(outC)).doesNotContainKeys("bad_IP_checksum", "bad_UDP_checksum", "bad_TCP_checksum");
        assertThat(conn(outC, 7010)).containsEntry("history", "D");
        assertThat(conn(outC, 7012)).containsEntry("history", "S");
    }

    @Test
    void overlappingSegmentsWithDifferentContentAreReportedOnce() throws Exception {
        TestPackets.Pcap p = new TestPackets.Pcap();
        p.add(ether(tcp(A, B, 40000, 7020, 100, 0, SYN, new byte[0])));
        p.add(ether(tcp(B, A, 7020, 40000, 500, 101, SYN | ACK, new byte[0])));
        p.add(ether(tcp(A, B, 40000, 7020, 101, 501, ACK, new byte[0])));
        // bytes 11..20 arrive before 1..10, twice, the second time with other content
        p.add(ether(tcp(A, B, 40000, 7020, 111, 501, PSH | ACK, ascii("BBBBBBBBBB"))));
        p.add(ether(tcp(A, B, 40000, 7020, 111, 501, PSH | ACK, ascii("CCCCCCCCCC"))));
        p.add(ether(tcp(A, B, 40000, 7020, 106, 501, PSH | ACK, ascii("AAAAAXXXXX")))); // overlaps 111..115 too
        p.add(ether(tcp(A, B, 40000, 7020, 101, 501, PSH | ACK, ascii("AAAAA"))));
        p.add(ether(tcp(B, A, 7020, 40000, 501, 121, ACK, new byte[0])));
        // same connection pattern, but the retransmission is identical: nothing to report
        p.add(ether(tcp(C, B, 40001, 7021, 100, 0, SYN, new byte[0])));
        p.add(ether(tcp(B, C, 7021, 40001, 500, 101, SYN | ACK, new byte[0])));
        p.add(ether(tcp(C, B, 40001, 7021, 101, 501, ACK, new byte[0])));
        p.add(ether(tcp(C, B, 40001, 7021, 111, 501, PSH | ACK, ascii("BBBBBBBBBB"))));
        p.add(ether(tcp(C, B, 40001, 7021, 111, 501, PSH | ACK, ascii("BBBBBBBBBB"))));
        p.add(ether(tcp(C, B, 40001, 7021, 101, 501, PSH | ACK, ascii("AAAAAAAAAA"))));
        p.add(ether(tcp(B, C, 7021, 40001, 501, 121, ACK, new byte[0])));

        Path out = run(p, false);
        List<String[]> w = rows(out.resolve("weird.log")).stream().map(l -> l.split("\t")).toList();
        List<String[]> rexmit = w.stream().filter(f -> f[6].equals("rexmit_inconsistency")).toList();
        assertThat(rexmit).hasSize(1);
        assertThat(rexmit.get(0)[5]).isEqualTo("7020");
        assertThat(rexmit.get(0)[1]).isEqualTo(conn(out, 7020).get("uid"));
        assertThat(conn(out, 7020)).containsEntry("orig_bytes", "20");
        assertThat(conn(out, 7021)).containsEntry("orig_bytes", "20");
    }

    @Test
    void corruptOrTruncatedFilesAreReportedWithTheByteOffset() throws Exception {
        TestPackets.Pcap p = new TestPackets.Pcap();
        exchange(p, A, 7030, ascii("first"));
        byte[] good = p.bytes();
        // a record whose captured length is larger than its wire length and the maximum
        byte[] bogus = java.util.Arrays.copyOf(good, good.length + 16);
        ByteBuffer.wrap(bogus, good.length, 16).order(ByteOrder.LITTLE_ENDIAN).putInt(1_700_000_100).putInt(0)
                .putInt(0x10000000).putInt(60);
        assertFileError(bogus, "exceeds the maximum 262144 at byte offset " + good.length, 8);
        // a file ending inside a record header, then inside a packet
        assertFileError(java.util.Arrays.copyOf(good, good.length - 5), "at byte offset " + (good.length - 54 - 16), 7);
        assertFileError(java.util.Arrays.copyOf(good, 30), "at byte offset 24", 0);
        assertFileError(new byte[10], "truncated pcap file header (10 of 24 bytes) at byte offset 0", 0);
        assertFileError(new byte[0], "at byte offset 0", 0);
        assertFileError(ascii("<html>not a capture</html>"), "not a pcap or pcapng file (magic 0x3c68746d) at byte offset 0", 0);
        // pcapng: a section header, an interface, then a block with a bogus length
        ByteBuffer ng = ByteBuffer.allocate(28 + 20 + 12).order(ByteOrder.LITTLE_ENDIAN);
        ng.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        ng.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(262_144).putInt(20);
        ng.putInt(6).putInt(0x7ffffff0).putInt(0);
        assertFileError(ng.array(), "at byte offset 48", 0);
    }

    private void assertFileError(byte[] file, String message, long packetsBefore) throws IOException {
        Path f = dir.resolve("bad" + file.length + ".pcap");
        Files.write(f, file);
        SensorOptions o = new SensorOptions();
        o.input = f;
        o.outputDir = dir.resolve("out" + file.length);
        Sensor.Result r = new Sensor(o).run();
        assertThat(r.error()).as("error for a %d-byte file", file.length).isNotNull();
        assertThat(r.error().getMessage()).contains(message);
        assertThat(r.packets()).isEqualTo(packetsBefore);
        if (packetsBefore > 0) {
            List<String> conn = Files.readAllLines(o.outputDir.resolve("conn.log"));
            assertThat(conn.get(conn.size() - 1)).startsWith("#close\t"); // the logs up to there are complete
            assertThat(rows(o.outputDir.resolve("conn.log"))).hasSize(1);
        }
    }

    private static byte[] fixUdpChecksum(byte[] ip) {
        byte[] seg = java.util.Arrays.copyOfRange(ip, 20, ip.length);
        TestPackets.transportChecksum(ByteBuffer.wrap(ip).getInt(12), ByteBuffer.wrap(ip).getInt(16), 17, seg, 6);
        System.arraycopy(seg, 0, ip, 20, seg.length);
        return ip;
    }

    private static byte[] fixTcpChecksum(byte[] ip) {
        byte[] seg = java.util.Arrays.copyOfRange(ip, 20, ip.length);
        TestPackets.transportChecksum(ByteBuffer.wrap(ip).getInt(12), ByteBuffer.wrap(ip).getInt(16), 6, seg, 16);
        System.arraycopy(seg, 0, ip, 20, seg.length);
        return ip;
    }
}

package dev.vigil.sensor;

import dev.vigil.sensor.capture.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same traffic framed differently must give the same logs: the wikipedia trace (Ethernet) is
 * re-framed as Linux cooked capture v1 and v2, raw IP, BSD loopback, and as a pcapng with two
 * interfaces of different link types and timestamp resolutions; each result must still match
 * Zeek's conn.log and dns.log baselines for the original trace.
 */
class LinkTypeConversionTest {
    record Pkt(long sec, int usec, byte[] frame) {
    }

    static Path corpus() throws Exception {
        return Path.of(LinkTypeConversionTest.class.getResource("/zeek-corpus/cases.tsv").toURI()).getParent();
    }

    static List<Pkt> ethernetPackets() throws Exception {
        List<Pkt> out = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(corpus().resolve("conn-dns-http-wikipedia/trace.pcap"), 65535)) {
            while (r.next((lt, s, us, d, off, cap, wire) -> out.add(new Pkt(s, us, java.util.Arrays.copyOfRange(d, off, off + cap))))) {
                // collect
            }
        }
        return out;
    }

    /** Ethernet frame → other link layer (null when the frame carries no IP). */
    static byte[] reframe(byte[] eth, int linkType) {
        int type = ((eth[12] & 0xff) << 8) | (eth[13] & 0xff);
        if (type != 0x0800 && type != 0x86dd) {
            return null;
        }
        byte[] ip = java.util.Arrays.copyOfRange(eth, 14, eth.length);
        ByteBuffer b;
        switch (linkType) {
            case 113 -> { // SLL: packet type, ARPHRD, addr len, 8-byte addr, protocol
                b = ByteBuffer.allocate(16 + ip.length);
                b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(eth, 6, 6).putShort((short) 0).putShort((short) type);
            }
            case 276 -> { // SLL2: protocol, reserved, ifindex, ARPHRD, packet type, addr len, 8-byte addr
                b = ByteBuffer.allocate(20 + ip.length);
                b.putShort((short) type).putShort((short) 0).putInt(2).putShort((short) 1).put((byte) 0).put((byte) 6)
                        .put(eth, 6, 6).putShort((short) 0);
            }
            case 101 -> b = ByteBuffer.allocate(ip.length);
            case 0 -> { // BSD loopback: address family in host (little-endian here) order
                b = ByteBuffer.allocate(4 + ip.length);
                b.order(ByteOrder.LITTLE_ENDIAN).putInt(type == 0x0800 ? 2 : 30).order(ByteOrder.BIG_ENDIAN);
            }
            default -> throw new IllegalArgumentException("link type " + linkType);
        }
        return b.put(ip).array();
    }

    static byte[] pcap(List<Pkt> pkts, int linkType) {
        ByteBuffer b = ByteBuffer.allocate(64 << 20).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        for (Pkt p : pkts) {
            byte[] f = reframe(p.frame(), linkType);
            if (f == null) {
                continue;
            }
            b.putInt((int) p.sec()).putInt(p.usec()).putInt(f.length).putInt(f.length).put(f);
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** pcapng, big-endian section: interface 0 Ethernet in µs, interface 1 raw IP in ns (if_tsresol 9). */
    static byte[] pcapng(List<Pkt> pkts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        out.writeBytes(shb.array());
        out.writeBytes(idb(1, -1));
        out.writeBytes(idb(101, 9));
        int i = 0;
        for (Pkt p : pkts) {
            boolean raw = (i++ % 2) == 1;
            byte[] f = raw ? reframe(p.frame(), 101) : p.frame();
            if (f == null) {
                f = p.frame();
                raw = false;
            }
            long ts = raw ? (p.sec() * 1_000_000_000L + p.usec() * 1000L + 123) : (p.sec() * 1_000_000L + p.usec());
            int pad = (4 - f.length % 4) % 4;
            int len = 32 + f.length + pad;
            ByteBuffer e = ByteBuffer.allocate(len);
            e.putInt(6).putInt(len).putInt(raw ? 1 : 0).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(f.length)
                    .putInt(f.length).put(f).put(new byte[pad]).putInt(len);
            out.writeBytes(e.array());
        }
        return out.toByteArray();
    }

    static byte[] idb(int linkType, int tsresol) {
        int optLen = tsresol < 0 ? 0 : 8 + 4; // if_tsresol option (padded) + opt_endofopt
        int len = 20 + optLen;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putInt(1).putInt(len).putShort((short) linkType).putShort((short) 0).putInt(65535);
        if (tsresol >= 0) {
            b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0);
        }
        b.putInt(len);
        return b.array();
    }

    void assertMatchesZeek(Path capture, Path out) throws Exception {
        SensorOptions o = new SensorOptions();
        o.input = capture;
        o.outputDir = out;
        o.seedFile = corpus().resolve("zeek-btest-random.seed");
        assertThat(new Sensor(o).run().error()).isNull();
        Map<String, String> fuids = new HashMap<>();
        for (String log : List.of("conn.log", "dns.log", "http.log")) {
            ZeekLogComparison c = ZeekLogComparison.compare(corpus().resolve("conn-dns-http-wikipedia/expected/" + log),
                    out.resolve(log), null, fuids);
            assertThat(c.pass()).as("%s of %s: %s", log, capture.getFileName(), c.details).isTrue();
        }
    }

    @Test
    void cookedRawAndLoopbackFramingGiveZeeksLogs(@TempDir Path dir) throws Exception {
        List<Pkt> pkts = ethernetPackets();
        for (int lt : new int[] {113, 276, 101, 0}) {
            Path f = dir.resolve("lt" + lt + ".pcap");
            Files.write(f, pcap(pkts, lt));
            assertMatchesZeek(f, dir.resolve("out" + lt));
        }
    }

    @Test
    void pcapngWithTwoInterfacesAndResolutionsGivesZeeksLogs(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("two.pcapng");
        Files.write(f, pcapng(ethernetPackets()));
        assertMatchesZeek(f, dir.resolve("out"));
    }

    @Test
    void pcapngWithTwoInterfacesReadsLikeTshark(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("two.pcapng");
        Files.write(f, pcapng(ethernetPackets()));
        List<String> shark = dev.vigil.sensor.capture.CaptureReaderTest.tshark(f);
        assumeTrue(shark != null, "skipped: tshark not installed");
        try (CaptureReader r = CaptureReader.open(f, 65535)) {
            assertThat(dev.vigil.sensor.capture.CaptureReaderTest.read(r)).isEqualTo(shark);
        }
    }
}

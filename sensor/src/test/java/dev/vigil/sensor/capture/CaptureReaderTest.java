package dev.vigil.sensor.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

public class CaptureReaderTest {
    static Path corpus() throws Exception {
        return Path.of(CaptureReaderTest.class.getResource("/zeek-corpus/cases.tsv").toURI()).getParent();
    }

    /** "sec.micros caplen wirelen linktype" per packet. */
    public static List<String> read(CaptureReader r) throws IOException {
        List<String> out = new ArrayList<>();
        while (r.next((lt, sec, us, d, off, cap, wire) -> out.add(String.format("%d.%06d %d %d", sec, us, cap, wire)))) {
            // collect
        }
        return out;
    }

    public static List<String> tshark(Path f) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("tshark", "-r", f.toString(), "-T", "fields", "-e", "frame.time_epoch",
                    "-e", "frame.cap_len", "-e", "frame.len").redirectErrorStream(false).start();
        } catch (IOException e) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String l : new String(p.getInputStream().readAllBytes()).split("\n")) {
            if (l.isBlank()) {
                continue;
            }
            String[] x = l.split("\t");
            String t = x[0];
            int dot = t.indexOf('.');
            String sec = t.substring(0, dot);
            String frac = (t.substring(dot + 1) + "000000").substring(0, 6); // libpcap truncates to µs
            out.add(sec + "." + frac + " " + x[1] + " " + x[2]);
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void readsEveryCorpusTraceLikeTshark() throws Exception {
        List<Path> traces;
        try (Stream<Path> s = Files.walk(corpus())) {
            traces = s.filter(p -> p.getFileName().toString().matches(".*\\.pcap(ng)?")).sorted().toList();
        }
        assertThat(traces).hasSizeGreaterThan(30);
        assumeTrue(tshark(traces.get(0)) != null, "skipped: tshark not installed");
        for (Path t : traces) {
            try (CaptureReader r = CaptureReader.open(t, CaptureReader.DEFAULT_MAX_PACKET)) {
                assertThat(read(r)).as(t.toString()).isEqualTo(tshark(t));
            }
        }
    }

    /** Rewrites a little-endian microsecond pcap as big-endian and/or nanosecond. */
    static byte[] convert(byte[] in, boolean bigEndian, boolean nanos) {
        byte[] out = in.clone();
        int magic = nanos ? PcapReader.MAGIC_NANO : PcapReader.MAGIC_MICRO;
        put(out, 0, magic, bigEndian);
        put16(out, 4, le16(in, 4), bigEndian);
        put16(out, 6, le16(in, 6), bigEndian);
        for (int o = 8; o < 24; o += 4) {
            put(out, o, le32(in, o), bigEndian);
        }
        int p = 24;
        while (p + 16 <= in.length) {
            int cap = le32(in, p + 8);
            put(out, p, le32(in, p), bigEndian);
            put(out, p + 4, nanos ? le32(in, p + 4) * 1000 + 999 : le32(in, p + 4), bigEndian);
            put(out, p + 8, cap, bigEndian);
            put(out, p + 12, le32(in, p + 12), bigEndian);
            p += 16 + cap;
        }
        return out;
    }

    static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    static int le16(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    static void put(byte[] b, int o, int v, boolean be) {
        for (int i = 0; i < 4; i++) {
            b[o + i] = (byte) (be ? v >>> (24 - 8 * i) : v >>> (8 * i));
        }
    }

    static void put16(byte[] b, int o, int v, boolean be) {
        b[o] = (byte) (be ? v >>> 8 : v);
        b[o + 1] = (byte) (be ? v : v >>> 8);
    }

    @Test
    void nanosecondAndBigEndianFilesGiveTheSamePackets() throws Exception {
        byte[] orig = Files.readAllBytes(corpus().resolve("conn-dns-http-wikipedia/trace.pcap"));
        assertThat(le32(orig, 0)).isEqualTo(PcapReader.MAGIC_MICRO);
        List<String> base = read(CaptureReader.open(new ByteArrayInputStream(orig), 65535));
        assertThat(base).hasSizeGreaterThan(50);
        for (boolean be : new boolean[] {false, true}) {
            for (boolean ns : new boolean[] {false, true}) {
                byte[] conv = convert(orig, be, ns);
                assertThat(read(CaptureReader.open(new ByteArrayInputStream(conv), 65535)))
                        .as("bigEndian=%s nanos=%s", be, ns).isEqualTo(base);
            }
        }
    }

    @Test
    void truncatedFileReportsTheOffsetOfTheBrokenRecordAfterDeliveringTheRest() throws Exception {
        byte[] orig = Files.readAllBytes(corpus().resolve("conn-dns-http-wikipedia/trace.pcap"));
        int p = 24;
        int recordStart = 0;
        for (int i = 0; i < 10; i++) {
            recordStart = p;
            p += 16 + le32(orig, p + 8);
        }
        // cut in the middle of the 10th packet's data
        byte[] cut = java.util.Arrays.copyOf(orig, recordStart + 20);
        int brokenAt = recordStart;
        List<String> got = new ArrayList<>();
        CaptureReader r = CaptureReader.open(new ByteArrayInputStream(cut), 65535);
        assertThatThrownBy(() -> {
            while (r.next((lt, s, us, d, off, cap, wire) -> got.add(s + "." + us))) {
                // read
            }
        }).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("at byte offset " + brokenAt)
                .satisfies(e -> assertThat(((CaptureFormatException) e).offset()).isEqualTo(brokenAt));
        assertThat(got).hasSize(9);
    }

    @Test
    void rejectsPacketLongerThanTheMaximumNamingBothNumbers() throws Exception {
        byte[] orig = Files.readAllBytes(corpus().resolve("conn-dns-http-wikipedia/trace.pcap"));
        byte[] bad = orig.clone();
        put(bad, 24 + 8, 70000, false);
        CaptureReader r = CaptureReader.open(new ByteArrayInputStream(bad), 65535);
        assertThatThrownBy(() -> r.next((lt, s, us, d, off, cap, wire) -> { }))
                .hasMessage("packet length 70000 exceeds the maximum 65535 at byte offset 24");
    }

    @Test
    void rejectsFilesThatAreNotCaptures(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x");
        Files.writeString(f, "hello world, this is not a capture file");
        assertThatThrownBy(() -> CaptureReader.open(f, 65535)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("not a pcap or pcapng file").hasMessageContaining("at byte offset 0");
    }
}

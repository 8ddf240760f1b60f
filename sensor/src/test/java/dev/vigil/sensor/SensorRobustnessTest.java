package dev.vigil.sensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never crashes the sensor: corrupted packets, cut files, and the logs up to a corrupt record. */
class SensorRobustnessTest {
    static Path corpus() throws Exception {
        return Path.of(SensorRobustnessTest.class.getResource("/zeek-corpus/cases.tsv").toURI()).getParent();
    }

    @Test
    void corruptedPacketsOfEveryTraceAreSurvived(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("SensorRobustnessTest seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        List<Path> traces;
        try (Stream<Path> s = Files.walk(corpus())) {
            traces = s.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
        }
        int n = 0;
        for (Path t : traces) {
            byte[] b = Files.readAllBytes(t);
            for (int round = 0; round < 3; round++) {
                byte[] m = mutatePackets(b, rnd);
                Path f = dir.resolve("m" + n++ + ".pcap");
                Files.write(f, m);
                SensorOptions o = new SensorOptions();
                o.input = f;
                o.outputDir = dir.resolve("out" + n);
                Sensor.Result r = new Sensor(o).run(); // must not throw
                assertThat(r.packets()).as("seed %d, %s", seed, t).isGreaterThan(0);
            }
        }
    }

    /** Flips bytes inside packet data (never in record headers), keeping the file structurally valid. */
    static byte[] mutatePackets(byte[] in, Random rnd) {
        byte[] out = in.clone();
        int p = 24;
        while (p + 16 <= out.length) {
            int cap = (out[p + 8] & 0xff) | (out[p + 9] & 0xff) << 8 | (out[p + 10] & 0xff) << 16 | (out[p + 11] & 0xff) << 24;
            if (cap < 0 || p + 16 + cap > out.length) {
                break;
            }
            if (cap > 0 && rnd.nextInt(3) == 0) {
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    out[p + 16 + rnd.nextInt(cap)] = (byte) rnd.nextInt(256);
                }
            }
            p += 16 + cap;
        }
        return out;
    }

    @Test
    void corruptRecordStopsReadingWithItsOffsetAndLogsWhatCameBefore(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(corpus().resolve("conn-dns-http-wikipedia/trace.pcap"));
        int p = 24;
        for (int i = 0; i < 40; i++) {
            int cap = (b[p + 8] & 0xff) | (b[p + 9] & 0xff) << 8;
            p += 16 + cap;
        }
        byte[] bad = Arrays.copyOf(b, b.length);
        bad[p + 11] = 0x7f; // a bogus captured length in the 41st record header
        Path f = dir.resolve("bad.pcap");
        Files.write(f, bad);
        SensorOptions o = new SensorOptions();
        o.input = f;
        o.outputDir = dir.resolve("out");
        o.seedFile = corpus().resolve("zeek-btest-random.seed");
        Sensor.Result r = new Sensor(o).run();
        assertThat(r.packets()).isEqualTo(40);
        assertThat(r.error()).isNotNull();
        assertThat(r.error().offset()).isEqualTo(p);
        assertThat(r.error().getMessage()).contains("exceeds the maximum " + CaptureMax.value()).contains("at byte offset " + p);
        List<String> conn = Files.readAllLines(o.outputDir.resolve("conn.log"));
        assertThat(conn.get(conn.size() - 1)).startsWith("#close");
        assertThat(conn.stream().filter(l -> !l.startsWith("#")).count()).isGreaterThan(5);
    }

    /** The default maximum captured length. */
    static final class CaptureMax {
        static int value() {
            return dev.vigil.sensor.capture.CaptureReader.DEFAULT_MAX_PACKET;
        }
    }

    @Test
    void truncatedCaptureStillWritesCompleteLogs(@TempDir Path dir) throws Exception {
        byte[] b = Files.readAllBytes(corpus().resolve("conn-dns-http-wikipedia/trace.pcap"));
        Path f = dir.resolve("cut.pcap");
        Files.write(f, Arrays.copyOf(b, b.length / 2));
        SensorOptions o = new SensorOptions();
        o.input = f;
        o.outputDir = dir.resolve("out");
        Sensor.Result r = new Sensor(o).run();
        assertThat(r.error()).isNotNull();
        assertThat(r.error().getMessage()).contains("truncated packet");
        assertThat(Files.readAllLines(o.outputDir.resolve("conn.log")).get(0)).isEqualTo("#separator \\x09");
    }
}

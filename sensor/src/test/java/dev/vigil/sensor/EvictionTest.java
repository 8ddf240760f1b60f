package dev.vigil.sensor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded memory: with a small connection table, evicted connections are logged early (a later
 * packet starts a new row, as after a Zeek timeout), and no connection and no packet is lost.
 */
class EvictionTest {
    @Test
    void fullTableEvictsButLosesNoConnectionAndNoPacket(@TempDir Path dir) throws Exception {
        Path corpus = Path.of(getClass().getResource("/zeek-corpus/cases.tsv").toURI()).getParent();
        Path trace = corpus.resolve("conn-dns-http-wikipedia/trace.pcap");
        SensorOptions all = new SensorOptions();
        all.input = trace;
        all.outputDir = dir.resolve("all");
        new Sensor(all).run();
        SensorOptions small = new SensorOptions();
        small.input = trace;
        small.outputDir = dir.resolve("small");
        small.maxConnections = 5;
        new Sensor(small).run();

        List<String> full = rows(all.outputDir.resolve("conn.log"));
        List<String> bounded = rows(small.outputDir.resolve("conn.log"));
        assertThat(full).hasSize(34);
        assertThat(tuples(bounded)).isEqualTo(tuples(full));
        assertThat(bounded.size()).isGreaterThan(full.size());
        assertThat(packets(bounded)).isEqualTo(packets(full));
        assertThat(Files.readString(small.outputDir.resolve("weird.log"))).contains("conn_table_full_evicted");
    }

    static List<String> rows(Path log) throws Exception {
        return Files.readAllLines(log).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** orig_pkts + resp_pkts over all rows. */
    static long packets(List<String> rows) {
        return rows.stream().mapToLong(r -> {
            String[] f = r.split("\t");
            return Long.parseLong(f[16]) + Long.parseLong(f[18]);
        }).sum();
    }

    static Set<String> tuples(List<String> rows) {
        return rows.stream().map(r -> {
            String[] f = r.split("\t");
            return f[2] + " " + f[3] + " " + f[4] + " " + f[5] + " " + f[6];
        }).collect(Collectors.toSet());
    }
}

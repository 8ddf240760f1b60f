package dev.vigil.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a JVM that is appending: the index reopens cleanly, every acknowledged event is there
 * exactly once, and acknowledgements came within the default one-second commit interval.
 */
class CrashDurabilityTest {
    @TempDir Path dir;

    @Test
    void acknowledgedEventsSurviveKillDashNineExactlyOnce() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long maxAcked = 0;
        List<Long> ackDelays = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("ACK ")) {
                    String[] p = line.split(" ");
                    maxAcked = Math.max(maxAcked, Long.parseLong(p[1]));
                    ackDelays.add(Long.parseLong(p[2]));
                    if (ackDelays.size() >= 40) {
                        break;
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
            child.waitFor();
        }
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(maxAcked).isGreaterThan(0);
        ackDelays.sort(null);
        // acknowledged within the commit interval (1 s) plus scheduling slack on a loaded machine
        assertThat(ackDelays.get(ackDelays.size() / 2)).isLessThan(1500);

        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dir))) {
            Set<Long> seen = new HashSet<>();
            List<Long> duplicates = new ArrayList<>();
            try (Stream<StoredEvent> s = store.search(EventQuery.all())) {
                s.forEach(e -> {
                    long id = Long.parseLong(e.raw().split(" ")[3].substring(3));
                    if (!seen.add(id)) {
                        duplicates.add(id);
                    }
                });
            }
            assertThat(duplicates).isEmpty();
            for (long id = 1; id <= maxAcked; id++) {
                assertThat(seen).as("acknowledged event evt%d", id).contains(id);
            }
        }
    }
}

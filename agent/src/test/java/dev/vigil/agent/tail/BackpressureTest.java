package dev.vigil.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.queue.QueueSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full queue stops reading (nothing is lost, the agent says so once) until acknowledgements free room. */
class BackpressureTest {
    @TempDir
    Path dir;

    @Test
    void aFullQueueStopsReadingAndReadingResumesWithoutLoss() throws Exception {
        Path log = dir.resolve("big.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            sb.append("event ").append(i).append(' ').append("p".repeat(60)).append('\n');
        }
        Files.writeString(log, sb);
        long size = Files.size(log);
        QueueSettings qs = new QueueSettings(dir.resolve("queue"), 256 << 10, 64 << 10, QueueSettings.Sync.NONE, 1000);
        InputConfig in = InputConfig.files(log.toString()).withTimes(0, 300_000, 0);
        try (TailRig rig = new TailRig(qs, in)) {
            for (int i = 0; i < 20; i++) {
                rig.readers.pass();
            }
            FileInput input = (FileInput) rig.inputs.get(0);
            assertThat(rig.stats.bytesRead.get()).isLessThan(size / 2);
            long stalled = rig.stats.bytesRead.get();
            rig.readers.pass();
            assertThat(rig.stats.bytesRead.get()).isEqualTo(stalled);
            assertThat(rig.stats.backpressureWaits.get()).isEqualTo(1);
            assertThat(rig.stats.notices()).filteredOn(n -> n.startsWith("queue full:")).hasSize(1)
                    .allMatch(n -> n.endsWith("(max_bytes 262144): reading paused until the server acknowledges events"));
            assertThat(input.followed()).isEqualTo(1);

            List<String> got = new ArrayList<>();
            while (got.size() < 20_000) {
                List<AgentEvent> b = rig.queue.poll(1000, 1 << 20, 100);
                for (AgentEvent e : b) {
                    got.add(new String(e.body(), StandardCharsets.UTF_8));
                }
                if (!b.isEmpty()) {
                    rig.queue.acknowledge(b.get(b.size() - 1).seq());
                }
                rig.readers.pass();
            }
            for (int i = 0; i < 20_000; i++) {
                assertThat(got.get(i)).startsWith("event " + i + " ");
            }
            assertThat(rig.stats.notices()).anyMatch(n -> n.startsWith("queue has room again: reading resumed after"));
            assertThat(rig.stats.backpressureWaits.get()).isGreaterThanOrEqualTo(1);
        }
    }
}

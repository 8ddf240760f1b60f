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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's disk fills up (a real 1 MiB tmpfs): the agent stops reading and says so, retries, and goes on
 * without losing a line once acknowledgements free space.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @Test
    void aFullDiskStopsReadingUntilThereIsRoomAndNothingIsLost() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("small"));
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                        && run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0,
                "skipped: mounting a small tmpfs needs root (mount -t tmpfs)");
        try {
            Path log = dir.resolve("app.log");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 40_000; i++) {
                sb.append("event ").append(i).append(' ').append("q".repeat(50)).append('\n');
            }
            Files.writeString(log, sb);
            QueueSettings qs = new QueueSettings(mnt.resolve("queue"), 64 << 20, 128 << 10, QueueSettings.Sync.NONE,
                    1000);
            try (TailRig rig = new TailRig(qs, InputConfig.files(log.toString()).withTimes(0, 300_000, 0))) {
                for (int i = 0; i < 30 && rig.stats.diskFullWaits.get() == 0; i++) {
                    rig.readers.pass();
                }
                assertThat(rig.stats.diskFullWaits.get()).isEqualTo(1);
                assertThat(rig.queue.failing()).isTrue();
                long stalled = rig.stats.bytesRead.get();
                rig.readers.pass();
                rig.readers.pass();
                assertThat(rig.stats.bytesRead.get()).isEqualTo(stalled);
                assertThat(rig.stats.notices()).filteredOn(n -> n.startsWith("queue: cannot write to ")).hasSize(1)
                        .allMatch(n -> n.endsWith("No space left on device; reading paused, retrying every second"));

                List<String> got = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (got.size() < 40_000 && System.nanoTime() < deadline) {
                    List<AgentEvent> b = rig.queue.poll(5000, 1 << 20, 50);
                    for (AgentEvent e : b) {
                        got.add(new String(e.body(), StandardCharsets.UTF_8));
                    }
                    if (!b.isEmpty()) {
                        rig.queue.acknowledge(b.get(b.size() - 1).seq());
                    }
                    rig.readers.pass();
                }
                assertThat(got).hasSize(40_000);
                for (int i = 0; i < 40_000; i++) {
                    assertThat(got.get(i)).startsWith("event " + i + " ");
                }
                assertThat(rig.stats.notices()).anyMatch(n -> n.startsWith("queue: writing again after"));
            }
        } finally {
            run("umount", mnt.toString());
        }
    }
}

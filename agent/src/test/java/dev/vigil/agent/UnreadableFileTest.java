package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.stats.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the agent may not read is reported once, tried again at every scan, and read as soon as it may. The
 * agent runs in a child JVM; as root it runs without CAP_DAC_OVERRIDE (setpriv), so permissions apply to it.
 */
class UnreadableFileTest {
    @TempDir
    Path dir;

    @Test
    void anUnreadableFileIsReportedOnceAndReadWhenItBecomesReadable() throws Exception {
        List<String> prefix = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            Path setpriv = Path.of("/usr/bin/setpriv");
            Assumptions.assumeTrue(Files.isExecutable(setpriv), "skipped: setpriv (util-linux) not installed");
            prefix.addAll(List.of(setpriv.toString(), "--bounding-set", "-dac_override,-dac_read_search"));
        }
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("ok.log"), "ok 1\n");
        Path secret = logs.resolve("secret.log");
        Files.writeString(secret, "secret 1\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, "queue: {dir: " + dir.resolve("queue") + "}\ninputs:\n  - path: " + logs
                + "/*.log\n    scan_interval: 100ms\n");
        Path out = dir.resolve("child.out");
        AgentChild.newLog();
        Process p = AgentChild.start(config, prefix, out);
        try {
            AgentChild.awaitStarted(p, out);
            AgentChild.awaitFollowing(out, 2);
            Thread.sleep(1000);
            String warning = "notice: cannot read " + secret + ": permission denied (trying again at every scan)";
            assertThat(Files.readAllLines(out)).filteredOn(l -> l.contains("cannot read")).containsExactly(warning);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(out).contains(secret + " is readable now") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            AgentChild.awaitIdle(out);
        } finally {
            p.getOutputStream().close();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(out)).contains(secret + " is readable now");
        List<String> got = new ArrayList<>();
        try (DiskQueue q = DiskQueue.open(QueueSettings.defaults(dir.resolve("queue")), new Stats())) {
            got.addAll(dev.vigil.agent.queue.DiskQueueTestAccess.drain(q));
        }
        assertThat(got).containsExactlyInAnyOrder("ok 1", "secret 1");
    }
}

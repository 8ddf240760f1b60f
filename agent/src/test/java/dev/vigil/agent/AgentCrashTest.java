package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.stats.Stats;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the agent (a child JVM at -Xmx128m) in the middle of reading, several times, while files are being
 * written and rotated: after the last restart the queue holds every line exactly once, in order per file.
 */
class AgentCrashTest {
    static final int PER_FILE = 60_000;

    /** Under target/ rather than a temporary directory: the files, the queue and child.out stay for a post-mortem. */
    final Path dir = Path.of("target/agent-crash").toAbsolutePath();

    private final java.util.concurrent.atomic.AtomicBoolean agentUp = new java.util.concurrent.atomic.AtomicBoolean();

    static String line(String file, int i) {
        return file + " " + i + " " + "y".repeat(i % 37);
    }

    @Test
    void killNineMidStreamThenRestartKeepsEveryLineExactlyOnce() throws Exception {
        if (Files.exists(dir)) {
            try (var w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        long seed = Long.getLong("tests.seed", System.nanoTime());
        Random rnd = new Random(seed);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, "host: crashhost\n"
                + "queue: {dir: " + dir.resolve("queue") + ", max_bytes: 64MiB, segment_bytes: 1MiB}\n"
                + "inputs:\n  - path: " + logs + "/*.log\n    scan_interval: 50ms\n    close_renamed: 300ms\n");
        Thread writer = new Thread(() -> write(logs));
        Path out = dir.resolve("child.out");
        AgentChild.newLog();
        for (int kill = 0; kill < 4; kill++) {
            Process p = AgentChild.start(config, List.of(), out);
            AgentChild.awaitStarted(p, out);
            if (kill > 0) {
                // rotations only while the agent knows the files (see write())
                AgentChild.awaitFollowing(out, 2);
                Thread.sleep(100);
            }
            agentUp.set(true);
            if (kill == 0) {
                writer.start();
            }
            Thread.sleep(200 + rnd.nextInt(600));
            agentUp.set(false);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        agentUp.set(true);
        writer.join();
        Map<String, List<String>> got = null;
        for (int round = 0; round < 3; round++) {
            Process p = AgentChild.start(config, List.of(), out);
            AgentChild.awaitStarted(p, out);
            AgentChild.awaitIdle(out);
            agentUp.set(false);
            p.getOutputStream().close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            got = readQueue();
            if (got.values().stream().mapToInt(List::size).sum() >= 2 * PER_FILE) {
                break;
            }
        }
        for (String f : List.of("a", "b")) {
            List<String> lines = got.get(logs.resolve(f + ".log").toString());
            assertThat(lines).as("-Dtests.seed=" + seed + " file " + f).hasSize(PER_FILE);
            for (int i = 0; i < PER_FILE; i++) {
                if (!lines.get(i).equals(line(f, i))) {
                    assertThat(lines.get(i)).as("-Dtests.seed=" + seed + " " + f + " line " + i).isEqualTo(line(f, i));
                }
            }
        }
    }

    /** Every event in the queue by source, checking that sequence numbers are dense from 1. */
    private Map<String, List<String>> readQueue() throws Exception {
        Map<String, List<String>> bySource = new HashMap<>();
        try (DiskQueue q = DiskQueue.open(QueueSettings.defaults(dir.resolve("queue")), new Stats())) {
            long expect = 1;
            while (true) {
                List<AgentEvent> b = q.poll(10_000, 8 << 20, 0);
                if (b.isEmpty()) {
                    break;
                }
                for (AgentEvent e : b) {
                    assertThat(e.seq()).isEqualTo(expect++);
                    assertThat(e.host()).isEqualTo("crashhost");
                    bySource.computeIfAbsent(e.source(), k -> new ArrayList<>())
                            .add(new String(e.body(), StandardCharsets.UTF_8));
                }
            }
        }
        return bySource;
    }

    /**
     * Two files written in turns; a.log is rotated by rename every 10,000 lines, b.log by copytruncate once. A
     * rotation waits while the agent is down: two rotations of one file while nothing watches it lose the middle
     * file for any follower (documented), which is not what this test is about.
     */
    private void write(Path logs) {
        try {
            OutputStream a = Files.newOutputStream(logs.resolve("a.log"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            OutputStream b = Files.newOutputStream(logs.resolve("b.log"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            int renames = 0;
            int lastRename = 0;
            boolean copied = false;
            for (int i = 0; i < PER_FILE; i++) {
                a.write((line("a", i) + "\n").getBytes(StandardCharsets.UTF_8));
                b.write((line("b", i) + "\n").getBytes(StandardCharsets.UTF_8));
                if (i % 200 == 199) {
                    Thread.sleep(2);
                }
                if (i - lastRename >= 10_000 && agentUp.get()) {
                    renames++;
                    lastRename = i;
                    for (int g = renames - 1; g >= 1; g--) {
                        Files.move(logs.resolve("a.log." + g), logs.resolve("a.log." + (g + 1)));
                    }
                    Files.move(logs.resolve("a.log"), logs.resolve("a.log.1"));
                    a.close();
                    a = Files.newOutputStream(logs.resolve("a.log"), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
                if (i >= PER_FILE / 2 && !copied && agentUp.get()) {
                    copied = true;
                    Files.copy(logs.resolve("b.log"), logs.resolve("b.log.1"));
                    try (var ch = java.nio.channels.FileChannel.open(logs.resolve("b.log"), StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                    }
                }
            }
            a.close();
            b.close();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}

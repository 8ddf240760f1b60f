package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the agent (a child JVM at -Xmx128m) while it reads a growing file and ships it over TLS to a real
 * node, twice, each time restarted on the same queue: every line is in the index exactly once.
 */
class AgentKillTest {
    @TempDir
    Path dir;

    private static Process agent(Path config) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                AgentProcessChild.class.getName(), config.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"started".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("the agent did not start: " + line);
        }
        return p;
    }

    @Test
    void everyLineArrivesExactlyOnceAcrossAgentKillDashNine() throws Exception {
        int n = 20_000;
        long seed = Long.getLong("tests.seed", System.nanoTime());
        Random rnd = new Random(seed);
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        Path log = dir.resolve("logs/secure");
        Files.createDirectories(log.getParent());
        Path data = dir.resolve("data");
        try (RunningServer s = new RunningServer(data, c -> {
            c.agentPort = 0;
            c.agentTlsCert = certs.serverCert();
            c.agentTlsKey = certs.serverKey();
        })) {
            AgentTestSupport.agentConfig(dir.resolve("agent"), "web1", s.port("agent"), certs.ca(), log, 0);
            Path config = dir.resolve("agent/agent.yml");
            Thread writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    for (int i = 1; i <= n; i++) {
                        out.write(GeneratedShipQueue.body(i, "web1"));
                        out.write('\n');
                        if (i % 10 == 0) {
                            Thread.sleep(5); // about 2,000 lines a second: the kills come while it writes
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            long t0 = System.nanoTime();
            for (int kill = 1; kill <= 2; kill++) {
                Process p = agent(config);
                long target = (long) n * kill / 4 + rnd.nextInt(n / 10);
                long end = System.currentTimeMillis() + 120_000;
                while (s.server.agentStats().accepted.sum() < target && System.currentTimeMillis() < end) {
                    Thread.sleep(10);
                }
                System.out.printf("kill %d at %d accepted, %.1f s%n", kill, s.server.agentStats().accepted.sum(),
                        (System.nanoTime() - t0) / 1e9);
                assertThat(s.server.agentStats().accepted.sum()).as("killed mid-stream").isLessThan(n);
                p.destroyForcibly(); // SIGKILL: batches in flight, acks unwritten, lines read but not queued
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).isEqualTo(137);
            }
            writer.join();
            Process p = agent(config);
            long end = System.currentTimeMillis() + 240_000;
            while (s.server.agentStats().accepted.sum() < n && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            System.out.printf("all accepted at %.1f s%n", (System.nanoTime() - t0) / 1e9);
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            System.out.printf("seed %d: accepted %d, duplicates dropped by the node %d%n", seed,
                    s.server.agentStats().accepted.sum(), s.server.agentStats().duplicates.sum());
            assertThat(s.server.agentStats().accepted.sum()).as("-Dtests.seed=" + seed).isEqualTo(n);
        }
        AgentTestSupport.Seqs lines = AgentTestSupport.lines(data, "web1");
        assertThat(lines.duplicates()).as("duplicates").isEmpty();
        assertThat(lines.firstMissing(n)).as("first missing").isEqualTo(-1);
        assertThat(lines.count()).isEqualTo(n);
        String agentId = Files.readString(dir.resolve("agent/queue/agent.id")).strip();
        AgentTestSupport.Seqs seqs = AgentTestSupport.seqs(data, agentId, e -> { });
        assertThat(seqs.duplicates()).isEmpty();
        assertThat(seqs.firstMissing(n)).isEqualTo(-1);
    }
}

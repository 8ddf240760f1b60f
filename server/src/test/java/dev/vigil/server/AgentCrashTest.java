package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Agent;
import dev.vigil.agent.Shipping;
import dev.vigil.agent.stats.Stats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the node in mid-stream, then a restart on the same data: the agent reconnects, the node
 * recovers from its index which events it already made durable, and every event is stored exactly once.
 */
class AgentCrashTest {
    @TempDir
    Path dir;

    /** A node in a child JVM. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final int port;

        Child(Path data, int port, TestCerts certs) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    AgentServerChild.class.getName(), data.toString(), Integer.toString(port),
                    certs.serverCert().toString(), certs.serverKey().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                process.destroyForcibly();
                throw new AssertionError("the node did not start: " + line);
            }
            this.port = Integer.parseInt(line.substring(5));
        }

        void killDashNine() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            process.waitFor();
            assertThat(process.exitValue()).isEqualTo(137);
        }

        /** Stops the node cleanly; returns its last line (the agent counters). */
        String stop() throws Exception {
            OutputStream in = process.getOutputStream();
            in.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            String last = out.readLine();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return last;
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /** The real agent (file → disk queue → shipper over TLS) against a node that is killed and restarted. */
    @Test
    void everyLineArrivesExactlyOnceAcrossKillDashNine() throws Exception {
        int n = 60_000;
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        Path log = AgentTestSupport.logFile(dir.resolve("logs/secure"), n, "web1");
        Path data = dir.resolve("data");
        Stats stats = new Stats();
        Agent agent = null;
        long ackedAtKill;
        String node;
        try {
            int port;
            try (Child first = new Child(data, 0, certs)) {
                port = first.port;
                agent = new Agent(AgentTestSupport.agentConfig(dir.resolve("agent"), "web1", port, certs.ca(), log, 0),
                        Shipping.standard(), stats);
                agent.start();
                // mid-stream: some lines acknowledged, more in flight and in the node's queue and index buffers
                long end = System.currentTimeMillis() + 120_000;
                while (stats.eventsAcked.get() < n / 4 && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
                ackedAtKill = stats.eventsAcked.get();
                assertThat(ackedAtKill).isBetween((long) n / 4, (long) n - 1);
                first.killDashNine();
            }
            try (Child second = new Child(data, port, certs)) {
                long end = System.currentTimeMillis() + 240_000;
                while (stats.eventsAcked.get() < n && System.currentTimeMillis() < end) {
                    Thread.sleep(50);
                }
                assertThat(stats.eventsAcked.get()).as("all acknowledged after the restart: %s", stats.summaryLine())
                        .isEqualTo(n);
                agent.close();
                agent = null;
                node = second.stop();
            }
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
        // lines the index held past the agent's last ack are skipped by the agent (welcome) or dropped by the node
        System.out.printf("acked at kill %d; agent %s; node after restart: %s%n", ackedAtKill, stats.summaryLine(),
                node);
        assertThat(node).startsWith("STOPPED");
        assertThat(stats.snapshot().get("ship_reconnects")).isPositive();
        AgentTestSupport.Seqs lines = AgentTestSupport.lines(data, "web1");
        assertThat(lines.duplicates()).as("duplicates").isEmpty();
        assertThat(lines.firstMissing(n)).as("first missing").isEqualTo(-1);
        assertThat(lines.count()).isEqualTo(n);
        String agentId = java.nio.file.Files.readString(dir.resolve("agent/queue/agent.id")).strip();
        AgentTestSupport.Seqs seqs = AgentTestSupport.seqs(data, agentId, e -> { });
        assertThat(seqs.duplicates()).isEmpty();
        assertThat(seqs.firstMissing(n)).isEqualTo(-1);
    }
}

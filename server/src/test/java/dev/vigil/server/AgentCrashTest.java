package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.ship.Shipper;
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

        Child(Path data, int port) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    AgentServerChild.class.getName(), data.toString(), Integer.toString(port))
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

    @Test
    void everyEventArrivesExactlyOnceAcrossKillDashNine() throws Exception {
        int n = 60_000;
        Path data = dir.resolve("data");
        GeneratedShipQueue queue = GeneratedShipQueue.lines(n, "web1");
        Shipper shipper;
        int port;
        try (Child first = new Child(data, 0)) {
            port = first.port;
            shipper = new Shipper(queue, AgentTestSupport.plain(port, "crash-agent"));
            shipper.start();
            // mid-stream: some events acknowledged, more in flight and in the node's queue and index buffers
            long end = System.currentTimeMillis() + 120_000;
            while (queue.acknowledged() < n / 4 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertThat(queue.acknowledged()).isBetween((long) n / 4, (long) n - 1);
            first.killDashNine();
        }
        long ackedAtKill = queue.acknowledged();
        String node;
        try (Child second = new Child(data, port)) {
            assertThat(queue.awaitAcked(n, 240_000)).as("all acknowledged after the restart: %s", shipper.stats())
                    .isTrue();
            shipper.close();
            node = second.stop();
        }
        // events the index held past the agent's last ack are skipped by the agent (welcome) or dropped by the node
        System.out.printf("acked at kill %d; agent %s; node after restart: %s%n", ackedAtKill, shipper.stats(), node);
        assertThat(node).startsWith("STOPPED");
        assertThat(shipper.stats().reconnects.sum()).isPositive();
        AgentTestSupport.Seqs seqs = AgentTestSupport.seqs(data, "crash-agent", e -> { });
        assertThat(seqs.duplicates()).as("duplicates").isEmpty();
        assertThat(seqs.firstMissing(n)).as("first missing").isEqualTo(-1);
        assertThat(seqs.count()).isEqualTo(n);
    }
}

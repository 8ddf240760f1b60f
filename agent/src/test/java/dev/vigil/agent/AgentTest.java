package dev.vigil.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.stats.Stats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as `vigil agent` runs it: agent.yml, files into the queue, counters at /metrics. */
class AgentTest {
    @TempDir
    Path dir;

    @Test
    void readsItsInputsIntoTheQueueAndServesItsCounters() throws Exception {
        Path log = dir.resolve("secure");
        Files.writeString(log, "Accepted password for alice\nFailed password for bob\n");
        Path yml = dir.resolve("agent.yml");
        Files.writeString(yml, "host: web01\nqueue: {dir: q, sync: batch}\nmetrics: {address: 127.0.0.1, port: 0}\n"
                + "inputs:\n  - path: secure\n    sourcetype: linux_secure\n");
        Stats stats = new Stats();
        try (Agent agent = new Agent(AgentConfig.load(yml), Shipping.standard(), stats)) {
            agent.start();
            long end = System.currentTimeMillis() + 20_000;
            while (stats.eventsQueued.get() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            var events = agent.queue().poll(10, 1 << 20, 5000);
            assertThat(events).hasSize(2);
            assertThat(events.get(0).host()).isEqualTo("web01");
            assertThat(events.get(0).sourcetype()).isEqualTo("linux_secure");
            assertThat(events.get(0).source()).isEqualTo(log.toString());
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("# TYPE vigil_agent_lines_read_total counter\nvigil_agent_lines_read_total 2\n")
                    .contains("vigil_agent_events_queued_total 2\n").contains("# TYPE vigil_agent_queue_bytes gauge\n");
            assertThat(stats.notices()).contains("no server configured: events stay in the queue");
        }
    }
}

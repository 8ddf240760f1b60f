package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.Agent;
import dev.vigil.agent.Shipping;
import dev.vigil.agent.ship.Shipper;
import dev.vigil.agent.stats.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents ship into a running node: every event indexed once, searchable, acknowledged only when durable. */
class AgentShippingTest {
    @TempDir
    Path dir;

    /**
     * End to end with the real agent: a 200,000-line file tailed into the agent's disk queue, shipped over
     * TLS (certificates made by openssl), every line indexed once, countable by search.
     */
    @Test
    void agentShips200kLinesOverTlsIntoTheIndexExactlyOnce() throws Exception {
        int n = 200_000;
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        Path log = AgentTestSupport.logFile(dir.resolve("logs/secure"), n, "web1");
        Path data = dir.resolve("data");
        String agentId;
        try (RunningServer s = new RunningServer(data, c -> {
            c.agentPort = 0;
            c.agentTlsCert = certs.serverCert();
            c.agentTlsKey = certs.serverKey();
        })) {
            Stats stats = new Stats();
            long t0 = System.nanoTime();
            try (Agent agent = new Agent(AgentTestSupport.agentConfig(dir.resolve("agent"), "web1", s.port("agent"),
                    certs.ca(), log, 0), Shipping.standard(), stats)) {
                agent.start();
                long end = System.currentTimeMillis() + 240_000;
                while (stats.eventsAcked.get() < n && System.currentTimeMillis() < end) {
                    Thread.sleep(50);
                }
                assertThat(stats.eventsAcked.get()).as("%s", stats.summaryLine()).isEqualTo(n);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("agent shipped %d lines into the index in %.1f s (%.0f/s)%n", n, secs, n / secs);
            agentId = Files.readString(dir.resolve("agent/queue/agent.id")).strip();
            assertThat(s.server.agentStats().accepted.sum()).isEqualTo(n);
            assertThat(s.server.agentStats().duplicates.sum()).isZero();
            String count = "";
            for (int i = 0; i < 50 && !count.contains("[[" + n + "]]"); i++) {
                Thread.sleep(100);
                count = AgentTestSupport.search(s.port("http"), "search agent_id=" + agentId + " | stats count");
            }
            assertThat(count).contains("[[" + n + "]]");
            assertThat(AgentTestSupport.search(s.port("http"),
                    "search host=web1 agent_seq=4242 | table host source sourcetype programname _raw"))
                    .contains("\"web1\"", "\"" + log + "\"", "\"linux_secure\"", "\"secure\"",
                            "Failed password for invalid user u4242 ");
            String metrics = AgentTestSupport.get("http://127.0.0.1:" + s.port("http") + "/metrics");
            assertThat(metrics).contains("vigil_agent_events_accepted_total " + n + ".0");
        }
        AtomicInteger withHostTime = new AtomicInteger();
        AgentTestSupport.Seqs seqs = AgentTestSupport.seqs(data, agentId, e -> {
            if (e.get("host_time") != null && e.get("host_time").matches("\\d{10}\\.\\d{3}")) {
                withHostTime.incrementAndGet();
            }
        });
        assertThat(seqs.duplicates()).isEmpty();
        assertThat(seqs.firstMissing(n)).isEqualTo(-1);
        assertThat(withHostTime.get()).isEqualTo(n);
        AgentTestSupport.Seqs lines = AgentTestSupport.lines(data, "web1");
        assertThat(lines.duplicates()).isEmpty();
        assertThat(lines.firstMissing(n)).isEqualTo(-1);
        assertThat(lines.count()).isEqualTo(n);
        // the default output files agent lines like imfile messages: DATA/logs/<host>/<file name>.log
        List<String> files = Files.readAllLines(data.resolve("logs/web1/secure.log"));
        assertThat(files).hasSize(n);
        assertThat(files.get(0)).matches("\\S+ web1 secure: Nov 26 19:59:25 web1 sshd\\[4242]: Failed password for "
                + "invalid user u1 from .*");
    }

    @Test
    void withoutIndexEventsAreAcknowledgedOnceTheOutputsWroteThem() throws Exception {
        int n = 20_000;
        GeneratedShipQueue queue = GeneratedShipQueue.lines(n, "web2");
        Path data = dir.resolve("collector");
        try (RunningServer s = new RunningServer(data, c -> {
            c.agentPort = 0;
            c.agentPlain = true;
            c.index = false;
        })) {
            try (Shipper shipper = new Shipper(queue, AgentTestSupport.plain(s.port("agent"), "agent-noindex"))) {
                shipper.start();
                assertThat(queue.awaitAcked(n, 120_000)).as("acked %s", shipper.stats()).isTrue();
            }
            // acknowledged means written: the file holds every line before the node stops
            List<String> lines = Files.readAllLines(data.resolve("logs/web2/secure.log"));
            assertThat(lines).hasSize(n);
            assertThat(lines.get(n - 1)).endsWith("seq=" + n);
        }
        assertThat(data.resolve("index")).doesNotExist();
    }
}

package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.ship.Shipper;
import dev.vigil.agent.ship.ShipperSettings;
import dev.vigil.ntp.source.WallClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host whose clock is an hour behind: its agent measures the offset against the node's NTP service,
 * reports it; /api/sources shows the host as measured by NTP and over the threshold, a vigil:clock
 * event is produced, and its events keep the host's time in host_time with _time corrected.
 */
class AgentClockTest {
    @TempDir
    Path dir;

    @Test
    void agentOffsetIsMeasuredReportedAndCorrectsEventTimes() throws Exception {
        long shiftMillis = -3_600_000;
        WallClock behind = () -> WallClock.SYSTEM.epochNanos() + shiftMillis * 1_000_000;
        GeneratedShipQueue queue = new GeneratedShipQueue(500, seq -> new AgentEvent(seq,
                System.currentTimeMillis() + shiftMillis, "skewhost", "/var/log/app.log", null, null,
                ("app line " + seq).getBytes(StandardCharsets.UTF_8)));
        Path data = dir.resolve("data");
        long sent;
        try (RunningServer s = new RunningServer(data, c -> {
            c.agentPort = 0;
            c.agentPlain = true;
            c.ntpEnabled = true;
            c.ntpPort = 0;
            c.ntpLocalStratum = 10;
        })) {
            ShipperSettings settings = ShipperSettings.of("127.0.0.1", s.port("agent"), null, "clock-agent", "skewhost")
                    .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500))
                    .withClock(s.port("ntp"), Duration.ofMinutes(1), behind);
            sent = System.currentTimeMillis();
            try (Shipper shipper = new Shipper(queue, settings)) {
                shipper.start();
                assertThat(queue.awaitAcked(500, 60_000)).as("%s", shipper.stats()).isTrue();
                assertThat(shipper.stats().clockReports.sum()).isEqualTo(1);
                assertThat(shipper.stats().clockOffsetNanos.get() / 1e9).isCloseTo(3600, within(0.5));
            }
            String base = "http://127.0.0.1:" + s.port("http");
            String sources = AgentTestSupport.get(base + "/api/sources");
            assertThat(sources).containsPattern("\\{\"host\":\"skewhost\",\"skew_seconds\":-3(599\\.9|600\\.0)\\d*,"
                    + "\"samples\":1,\"over_threshold\":true,\"threshold_seconds\":2.0,\"measured_by\":\"ntp\","
                    + "\"agent_id\":\"clock-agent\",\"ntp_offset_seconds\":3(599\\.9|600\\.0)\\d*,");
            assertThat(AgentTestSupport.get(base + "/metrics")).containsPattern(
                    "vigil_clock_skew_seconds\\{host=\"skewhost\"} -3(599\\.9|600\\.0)");
            String clock = "";
            for (int i = 0; i < 50 && !clock.contains("[[1]]"); i++) {
                Thread.sleep(100);
                clock = AgentTestSupport.search(s.port("http"), "search sourcetype=vigil:clock host=skewhost | stats count");
            }
            assertThat(clock).contains("[[1]]");
        }
        List<double[]> times = new ArrayList<>();
        AgentTestSupport.seqs(data, "clock-agent", e -> times.add(new double[] {e.timeMicros() / 1e6,
                Double.parseDouble(e.get("host_time")), Double.parseDouble(e.get("clock_offset"))}));
        assertThat(times).hasSize(500);
        for (double[] t : times) {
            // host_time is the host's own clock, an hour behind; _time is that plus the measured offset
            assertThat(t[1]).isCloseTo((sent + shiftMillis) / 1000.0, within(60.0));
            assertThat(t[2]).isCloseTo(3600, within(0.5));
            assertThat(t[0]).isCloseTo(t[1] + t[2], within(0.002));
            assertThat(t[0]).isCloseTo(sent / 1000.0, within(60.0));
        }
    }
}

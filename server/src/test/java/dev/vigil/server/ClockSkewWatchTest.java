package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host whose clock is an hour behind is shown at /api/sources and in /metrics, and produces a vigil:clock event. */
class ClockSkewWatchTest {
    @TempDir
    Path dir;

    private static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String clockEvents(String base) throws Exception {
        String last = "";
        for (int i = 0; i < 50; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/search"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"query\":\"search sourcetype=vigil:clock | stats count\","
                            + "\"earliest\":\"0\",\"format\":\"json\"}")).build();
            last = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
            if (last.contains("\"rows\":[[1]]")) {
                break;
            }
            Thread.sleep(100);
        }
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\":\"search sourcetype=vigil:clock | table _raw\",\"earliest\":\"0\","
                        + "\"format\":\"json\"}")).build();
        return last + HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void skewedHostIsReportedOncePerCrossing() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            String behind = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
            String onTime = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            SyslogClients.tcp(s.port("tcp"), "<13>1 " + behind + " slowhost app - - - late clock\n"
                    + "<13>1 " + onTime + " goodhost app - - - fine clock\n");
            s.settle();
            String base = "http://127.0.0.1:" + s.port("http");
            String sources = get(base + "/api/sources");
            assertThat(sources).containsPattern("\"host\":\"slowhost\",\"skew_seconds\":-36\\d\\d\\.\\d+,\"samples\":1,"
                    + "\"over_threshold\":true");
            assertThat(sources).containsPattern("\"host\":\"goodhost\",\"skew_seconds\":-?\\d\\.\\d+(E-\\d+)?,"
                    + "\"samples\":1,\"over_threshold\":false");
            assertThat(get(base + "/metrics")).containsPattern("vigil_clock_skew_seconds\\{host=\"slowhost\"} -36\\d\\d");
            // the event of its own goes to the index, not into the rsyslog-style files
            assertThat(s.lines("logs/slowhost/vigil-clock.log")).isEmpty();
            assertThat(clockEvents(base)).contains("clock of slowhost is 36").contains(" s behind (threshold 2.00 s)");
            // a second late message is no new crossing
            SyslogClients.tcp(s.port("tcp"), "<13>1 " + behind + " slowhost app - - - still late\n");
            Thread.sleep(1100);
            SyslogClients.tcp(s.port("tcp"), "<13>1 " + behind + " slowhost app - - - still late\n");
            s.settle();
            assertThat(clockEvents(base)).contains("\"rows\":[[1]]");
        }
    }
}

package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.input.InputStats;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Back-pressure instead of loss, order kept per connection, many senders at once, and the counters shown. */
class ThroughputAndOrderTest {
    @TempDir
    Path dir;

    @Test
    void senderFasterThanTheQueueIsSlowedNotDropped() throws Exception {
        int n = 200_000;
        try (RunningServer s = new RunningServer(dir, c -> c.queueSize = 1_000)) {
            try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), s.port("tcp"))) {
                OutputStream out = new BufferedOutputStream(sock.getOutputStream(), 1 << 16);
                for (int i = 0; i < n; i++) {
                    out.write(("<13>Feb  5 07:08:09 fast app: seq=" + i + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
            s.settle();
            List<String> lines = s.lines("logs/fast/app.log");
            assertThat(lines).hasSize(n);
            for (int i = 0; i < n; i += 997) {
                assertThat(lines.get(i)).endsWith("seq=" + i);
            }
            InputStats tcp = s.server.inputStats().stream().filter(x -> x.protocol.equals("tcp")).findFirst()
                    .orElseThrow();
            assertThat(tcp.dropped.sum()).isZero();
            assertThat(tcp.pauses.sum()).as("the queue filled and reading paused").isPositive();
        }
    }

    @Test
    void manyConcurrentSendersAllArrive() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            int port = s.port("tcp");
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < 1000; i++) {
                        sb.append("<13>Feb  5 07:08:09 sender").append(id).append(" app: ").append(i).append('\n');
                    }
                    try {
                        SyslogClients.tcp(port, sb.toString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            s.settle();
            for (int t = 0; t < 50; t++) {
                List<String> lines = s.lines("logs/sender" + t + "/app.log");
                assertThat(lines).hasSize(1000);
                assertThat(lines.get(999)).endsWith(" app: 999");
            }
        }
    }

    @Test
    void metricsAndHealthAreServedOverHttp() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            SyslogClients.tcp(s.port("tcp"), "<13>Feb  5 07:08:09 m app: x\n<999>bad pri\n");
            SyslogClients.udp(s.port("udp"), "<13>Feb  5 07:08:09 m app: y");
            s.settle();
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + s.port("http");
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("vigil_syslog_received_total{input=\"imtcp\",port=\"" + s.port("tcp")
                    + "\",protocol=\"tcp\"} 2.0");
            assertThat(metrics).contains("vigil_syslog_malformed_total{input=\"imtcp\"");
            assertThat(metrics).containsPattern("vigil_syslog_malformed_total\\{input=\"imtcp\",[^}]*\\} 1.0");
            assertThat(metrics).containsPattern("vigil_syslog_parsed_total\\{input=\"imudp\",[^}]*\\} 1.0");
            assertThat(metrics).contains("vigil_syslog_dropped_total");
            assertThat(metrics).contains("vigil_syslog_kernel_drops_total");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"processed\":3");
        }
    }

    @Test
    void portInUseIsReportedInOneLineWithTheFix() throws Exception {
        try (RunningServer first = new RunningServer(dir.resolve("a"))) {
            int taken = first.port("tcp");
            ServerSettings s = new ServerSettings();
            s.data = dir.resolve("b");
            s.syslogPort = taken;
            s.syslogAddress = "127.0.0.1";
            s.httpPort = -1;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VigilServer(s).start())
                    .hasMessageMatching("cannot listen on (udp|tcp) port " + taken + ": address already in use "
                            + "\\(is rsyslogd running\\?\\); stop it or choose another port with --syslog-port N");
        }
    }
}

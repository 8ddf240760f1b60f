package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vigil.server.ServerSettings;
import dev.vigil.server.VigilServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil sensor -r FILE --server URL}: a real node on an ephemeral port receives every row of
 * every log through its HEC, searchable as sourcetypes zeek_conn, zeek_dns, zeek_http with Zeek's field
 * names; the logs on disk are the same as without --server. A refused token and a server that comes up
 * late are handled as documented.
 */
class SensorShippingTest {
    private static final String TOKEN = "5e9b0c1e-6d0a-4c8e-9a77-2f3a1b2c3d4e";
    private static final Path CORPUS = Path.of(System.getProperty("basedir", "."))
            .resolve("../sensor/src/test/resources/zeek-corpus").normalize();
    private static final Path TRACE = CORPUS.resolve("conn-dns-http-wikipedia/trace.pcap");
    private static final Path SEED = CORPUS.resolve("zeek-btest-random.seed");

    @TempDir
    Path dir;

    private record Run(int status, String err) {
    }

    private static Run sensor(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sensor";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cl.execute(all);
        return new Run(status, err.toString());
    }

    private VigilServer server(Path data, int httpPort) throws IOException {
        ServerSettings s = new ServerSettings();
        s.data = data;
        s.syslogPort = 0;
        s.syslogAddress = "127.0.0.1";
        s.httpPort = httpPort;
        s.httpAddress = "127.0.0.1";
        s.ntpEnabled = false;
        s.hecTokens = List.of(new ServerSettings.HecTokenSetting("sensor", TOKEN, null, null, false));
        VigilServer v = new VigilServer(s);
        v.start();
        return v;
    }

    @Test
    void shipsEveryRowAsZeekSourcetypesAndTheLogsOnDiskStayTheSame() throws Exception {
        Run plain = sensor("-r", TRACE.toString(), "-w", dir.resolve("plain").toString(), "--seed-file", SEED.toString());
        assertThat(plain.status()).as(plain.err()).isZero();
        try (VigilServer v = server(dir.resolve("data"), 0)) {
            String base = "http://127.0.0.1:" + v.port("http");
            Run shipped = sensor("-r", TRACE.toString(), "-w", dir.resolve("shipped").toString(),
                    "--seed-file", SEED.toString(), "--server", base, "--token", TOKEN);
            assertThat(shipped.status()).as(shipped.err()).isZero();
            int conn = rows(dir.resolve("shipped/conn.log")).size();
            int dns = rows(dir.resolve("shipped/dns.log")).size();
            int http = rows(dir.resolve("shipped/http.log")).size();
            long all = 0;
            List<String> logs;
            try (var l = Files.list(dir.resolve("shipped"))) {
                logs = l.map(p -> p.getFileName().toString()).sorted().toList();
            }
            for (String log : logs) {
                all += rows(dir.resolve("shipped").resolve(log)).size();
            }
            assertThat(logs).contains("conn.log", "dns.log", "http.log");
            assertThat(shipped.err()).contains(all + " log rows sent to " + base);

            // the logs written to disk are the ones written without --server
            for (String log : logs) {
                assertThat(comparable(dir.resolve("shipped").resolve(log)))
                        .as(log).isEqualTo(comparable(dir.resolve("plain").resolve(log)));
            }

            assertThat(count(base, "search sourcetype=zeek_conn | stats count", conn)).isEqualTo(conn);
            assertThat(count(base, "search sourcetype=zeek_dns | stats count", dns)).isEqualTo(dns);
            assertThat(count(base, "search sourcetype=zeek_http | stats count", http)).isEqualTo(http);
            String orig = rows(dir.resolve("shipped/conn.log")).get(0).split("\t")[2];
            long fromOrig = rows(dir.resolve("shipped/conn.log")).stream().filter(r -> r.split("\t")[2].equals(orig)).count();
            assertThat(count(base, "search sourcetype=zeek_conn id.orig_h=" + orig + " | stats count", fromOrig))
                    .isEqualTo(fromOrig);
            String[] h = rows(dir.resolve("shipped/http.log")).get(0).split("\t");
            JsonNode table = new ObjectMapper().readTree(search(base,
                    "search sourcetype=zeek_http uid=" + h[1] + " trans_depth=" + h[6] + " | table uid id.resp_p method uri status_code user_agent"));
            assertThat(table.path("rows")).hasSize(1);
            List<String> got = new java.util.ArrayList<>();
            table.path("rows").get(0).forEach(x -> got.add(x.asText()));
            assertThat(got).containsExactly(h[1], h[5], h[7], h[9], h[16], h[12]);
        }
    }

    @Test
    void aRefusedTokenIsReportedOnceAndTheLogsAreStillWritten() throws Exception {
        try (VigilServer v = server(dir.resolve("data"), 0)) {
            String base = "http://127.0.0.1:" + v.port("http");
            Run r = sensor("-r", TRACE.toString(), "-w", dir.resolve("out").toString(), "--server", base, "--token", "wrong");
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err()).contains("answered 403").contains("Invalid token").contains("shipping stopped");
            assertThat(r.err().lines().filter(l -> l.contains("answered 403")).count()).isEqualTo(1);
            assertThat(r.err()).contains("log rows could not be sent to " + base);
            assertThat(rows(dir.resolve("out/conn.log"))).hasSize(34);
        }
    }

    @Test
    void aServerThatComesUpLateGetsEveryRow() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        VigilServer[] late = new VigilServer[1];
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(1500);
                late[0] = server(dir.resolve("data"), port);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        try {
            Run r = sensor("-r", TRACE.toString(), "-w", dir.resolve("out").toString(), "--only", "conn",
                    "--server", base, "--token", TOKEN);
            starter.join();
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("cannot ship logs to " + base).contains("retrying")
                    .contains("is taking the logs again").contains("34 log rows sent to " + base);
            assertThat(count(base, "search sourcetype=zeek_conn | stats count", 34)).isEqualTo(34);
        } finally {
            starter.join();
            if (late[0] != null) {
                late[0].close();
            }
        }
    }

    @Test
    void aLiveCaptureShipsItsRowsAndDeliversTheRestAtSigterm() throws Exception {
        try (dev.vigil.sensor.capture.LiveCapture c = dev.vigil.sensor.capture.LiveCapture.open("lo", "tcp port 1", 256, false, 100)) {
            assertThat(c.iface()).isEqualTo("lo");
        } catch (dev.vigil.sensor.capture.LiveCapture.OpenException e) {
            org.junit.jupiter.api.Assumptions.abort(e.reason() == dev.vigil.sensor.capture.LiveCapture.OpenException.Reason.NO_LIBPCAP
                    ? "skipped: libpcap not installed" : "skipped: capture not permitted (" + e.getMessage() + ")");
        }
        com.sun.net.httpserver.HttpServer web = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        web.start();
        int webPort = web.getAddress().getPort();
        try (VigilServer v = server(dir.resolve("data"), 0)) {
            String base = "http://127.0.0.1:" + v.port("http");
            Path err = dir.resolve("sensor.err");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "dev.vigil.cli.Main", "sensor", "-i", "lo", "-C",
                    "-f", "tcp port " + webPort, "-w", dir.resolve("live").toString(), "--server", base, "--token", TOKEN)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            try {
                long end = System.currentTimeMillis() + 30_000;
                while (!Files.readString(err).contains("listening on lo") && System.currentTimeMillis() < end) {
                    Thread.sleep(100);
                }
                assertThat(Files.readString(err)).contains("listening on lo");
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + webPort + "/live/" + i)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(204);
                }
                // http.log rows are shipped while the capture runs
                assertThat(count(base, "search sourcetype=zeek_http | stats count", 3)).isEqualTo(3);
                p.toHandle().destroy(); // SIGTERM: the open connections are logged, then shipped
                assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(Files.readString(err)).isZero();
            } finally {
                p.destroyForcibly();
                web.stop(0);
            }
            int conn = rows(dir.resolve("live/conn.log")).size();
            assertThat(conn).isGreaterThanOrEqualTo(1);
            assertThat(Files.readString(err)).contains(" log rows sent to " + base);
            assertThat(count(base, "search sourcetype=zeek_conn id.resp_p=" + webPort + " | stats count", conn)).isEqualTo(conn);
        }
    }

    @Test
    void usageErrorsAreNamed() {
        Run noToken = sensor("-r", TRACE.toString(), "-w", dir.toString(), "--server", "http://127.0.0.1:1");
        assertThat(noToken.status()).isEqualTo(2);
        assertThat(noToken.err()).contains("--server needs a HEC token (--token or VIGIL_HEC_TOKEN)");
        Run notUrl = sensor("-r", TRACE.toString(), "-w", dir.toString(), "--server", "siem:8080", "--token", "t");
        assertThat(notUrl.status()).isEqualTo(2);
        assertThat(notUrl.err()).contains("--server takes a URL such as http://siem:8080, not 'siem:8080'");
        Run both = sensor("-r", TRACE.toString(), "-i", "lo");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("give either -r FILE or -i IFACE, not both");
        Run filterOnFile = sensor("-r", TRACE.toString(), "-f", "tcp");
        assertThat(filterOnFile.status()).isEqualTo(2);
        assertThat(filterOnFile.err()).contains("-f, -s and -p apply to live capture (-i IFACE)");
        Run rotate = sensor("-r", TRACE.toString(), "--rotate", "soon");
        assertThat(rotate.status()).isEqualTo(2);
        assertThat(rotate.err()).contains("--rotate soon: expected a positive interval such as 3600, 30s, 10m or 1h");
    }

    /** Data rows of a log. */
    private static List<String> rows(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#")).toList();
    }

    /** The file's bytes without the #open/#close times, and with file ids (random, see docs/sensor.md) masked. */
    private static String comparable(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1).replaceAll("(?m)^#(open|close)\t.*$", "#$1")
                .replaceAll("\\bF[0-9A-Za-z]{8,20}\\b", "F*");
    }

    private static String search(String base, String query) throws Exception {
        String body = "{\"query\":" + TextNode.valueOf(query) + ",\"earliest\":\"0\",\"format\":\"json\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The {@code count} of a stats count search, polled until it reaches {@code expect} (indexing is asynchronous). */
    private static long count(String base, String query, long expect) throws Exception {
        long last = -1;
        String out = "";
        for (int i = 0; i < 150; i++) {
            out = search(base, query);
            JsonNode n = new ObjectMapper().readTree(out); // {"columns":["count"],"rows":[[34]],...}
            JsonNode rows = n.path("rows");
            if (rows.size() == 1 && "count".equals(n.path("columns").path(0).asText())) {
                last = rows.get(0).get(0).asLong();
            }
            if (last == expect) {
                return last;
            }
            Thread.sleep(100);
        }
        System.out.println("search '" + query + "' answered: " + out);
        return last;
    }
}

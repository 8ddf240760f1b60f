package dev.vigil.server.hec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.index.query.Filter;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEC over real HTTP on 127.0.0.1: the documented requests and Splunk's documented answers. */
class HecHandlerTest {
    static final String TOKEN = "11111111-2222-3333-4444-555555555555";
    static final String ACK_TOKEN = "aaaaaaaa-2222-3333-4444-555555555555";
    static final String CHANNEL = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    @TempDir Path dir;
    LuceneEventStore store;
    Javalin app;
    String base;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        store = new LuceneEventStore(StoreOptions.defaults(dir));
        HecConfig config = HecConfig.of(
                new HecToken("web", TOKEN, null, List.of("main", "web"), null, null, null, false, false),
                HecToken.of("acked", ACK_TOKEN, true),
                new HecToken("off", "disabled-token", null, List.of(), null, null, null, false, true));
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
        });
        new HecHandler(config, HecSink.of(store)).accept(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() throws Exception {
        app.stop();
        store.close();
    }

    HttpResponse<String> post(String path, String auth, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String auth, String body, String... headers) throws Exception {
        return post(path, auth, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    List<StoredEvent> stored(Filter f) throws Exception {
        store.flush();
        try (Stream<StoredEvent> s = store.search(EventQuery.of(f))) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void healthIsCode17() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/services/collector/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"text\":\"HEC is healthy\",\"code\":17}");
    }

    @Test
    void acceptsABatchOfConcatenatedEventObjects() throws Exception {
        String batch = "{\"event\":\"first line from curl\",\"host\":\"web01\",\"time\":1700000000.5}\n"
                + "{\"time\":\"1700000001\",\"event\":{\"user\":{\"name\":\"bob\"},\"action\":\"login\"},"
                + "\"sourcetype\":\"_json\",\"index\":\"web\",\"source\":\"app.log\",\"fields\":{\"env\":\"prod\",\"tag\":[\"a\",\"b\"]}}";
        HttpResponse<String> r = post("/services/collector/event", "Splunk " + TOKEN, batch);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"text\":\"Success\",\"code\":0}");
        StoredEvent first = stored(Filter.term("curl")).get(0);
        assertThat(first.host()).isEqualTo("web01");
        assertThat(first.source()).isEqualTo("http:web");
        assertThat(first.index()).isEqualTo("main");
        assertThat(first.time()).isEqualTo(Instant.parse("2023-11-14T22:13:20.500Z"));
        StoredEvent second = stored(Filter.field("user.name", "BOB")).get(0);
        assertThat(second.index()).isEqualTo("web");
        assertThat(second.sourcetype()).isEqualTo("_json");
        assertThat(second.source()).isEqualTo("app.log");
        assertThat(second.host()).isEqualTo("127.0.0.1");
        assertThat(second.fields()).containsEntry("env", "prod").containsEntry("tag", List.of("a", "b"))
                .containsEntry("action", "login");
        assertThat(second.time()).isEqualTo(Instant.parse("2023-11-14T22:13:21Z"));
    }

    @Test
    void refusesMalformedRequestsWithSplunksCodes() throws Exception {
        String ok = "{\"event\":\"x\"}";
        assertAnswer(post("/services/collector/event", null, ok), 401, "{\"text\":\"Token is required\",\"code\":2}");
        assertAnswer(post("/services/collector/event", "Bearer " + TOKEN, ok), 401, "{\"text\":\"Invalid authorization\",\"code\":3}");
        assertAnswer(post("/services/collector/event", "Splunk nope", ok), 403, "{\"text\":\"Invalid token\",\"code\":4}");
        assertAnswer(post("/services/collector/event", "Splunk disabled-token", ok), 403, "{\"text\":\"Token disabled\",\"code\":1}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, ""), 400, "{\"text\":\"No data\",\"code\":5}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, ok + "{\"event\":"), 400,
                "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":1}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, ok + "[1]"), 400,
                "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":1}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, "{\"time\":1}"), 400,
                "{\"text\":\"Event field is required\",\"code\":12,\"invalid-event-number\":0}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, ok + "{\"event\":\"\"}"), 400,
                "{\"text\":\"Event field cannot be blank\",\"code\":13,\"invalid-event-number\":1}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, "{\"event\":\"x\",\"index\":\"secret\"}"), 400,
                "{\"text\":\"Incorrect index\",\"code\":7,\"invalid-event-number\":0}");
        assertAnswer(post("/services/collector/event", "Splunk " + TOKEN, "{\"event\":\"x\",\"fields\":{\"a\":{\"b\":1}}}"), 400,
                "{\"text\":\"Error in handling indexed fields\",\"code\":15,\"invalid-event-number\":0}");
        assertAnswer(post("/services/collector/event?token=" + TOKEN, null, ok), 400,
                "{\"text\":\"Query string authorization is not enabled\",\"code\":16}");
        assertAnswer(post("/services/collector/event", "Splunk " + ACK_TOKEN, ok), 400,
                "{\"text\":\"Data channel is missing\",\"code\":10}");
        assertAnswer(post("/services/collector/event", "Splunk " + ACK_TOKEN, ok, "X-Splunk-Request-Channel", "not-a-guid"), 400,
                "{\"text\":\"Invalid data channel\",\"code\":11}");
        assertAnswer(post("/services/collector/ack", "Splunk " + TOKEN, "{\"acks\":[0]}"), 400,
                "{\"text\":\"ACK is disabled\",\"code\":14}");
        assertThat(stored(Filter.ALL)).isEmpty();
    }

    private static void assertAnswer(HttpResponse<String> r, int status, String body) {
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.statusCode()).isEqualTo(status);
    }

    @Test
    void acknowledgesOnceDurableAndForgetsReportedAcks() throws Exception {
        HttpResponse<String> a = post("/services/collector/event", "Splunk " + ACK_TOKEN, "{\"event\":\"acked one\"}",
                "X-Splunk-Request-Channel", CHANNEL);
        HttpResponse<String> b = post("/services/collector/event?channel=" + CHANNEL, "Splunk " + ACK_TOKEN,
                "{\"event\":\"acked two\"}");
        assertThat(a.body()).isEqualTo("{\"text\":\"Success\",\"code\":0,\"ackId\":0}");
        assertThat(b.body()).isEqualTo("{\"text\":\"Success\",\"code\":0,\"ackId\":1}");
        Map<String, Boolean> status = Map.of();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = post("/services/collector/ack?channel=" + CHANNEL, "Splunk " + ACK_TOKEN,
                    "{\"acks\":[0,1,7]}");
            assertThat(r.statusCode()).isEqualTo(200);
            status = json.convertValue(body(r).get("acks"), json.getTypeFactory().constructMapType(Map.class, String.class, Boolean.class));
            if (status.get("0") && status.get("1")) {
                break;
            }
            Thread.sleep(50);
        }
        assertThat(status).containsEntry("0", true).containsEntry("1", true).containsEntry("7", false);
        assertThat(store.durableSequence()).isGreaterThanOrEqualTo(2);
        HttpResponse<String> again = post("/services/collector/ack", "Splunk " + ACK_TOKEN, "{\"acks\":[0]}",
                "X-Splunk-Request-Channel", CHANNEL);
        assertThat(again.body()).isEqualTo("{\"acks\":{\"0\":false}}");
    }

    @Test
    void rawEndpointSplitsLinesAndReadsTimeFromText() throws Exception {
        String lines = "192.0.2.9 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.0\" 200 12 \"-\" \"curl/8\"\n"
                + "192.0.2.9 - - [10/Oct/2000:13:55:37 -0700] \"GET /b HTTP/1.0\" 404 12 \"-\" \"curl/8\"\n";
        HttpResponse<String> r = post("/services/collector/raw?sourcetype=access_combined&host=www1", "Splunk " + TOKEN, lines);
        assertThat(r.body()).isEqualTo("{\"text\":\"Success\",\"code\":0}");
        List<StoredEvent> events = stored(Filter.field("sourcetype", "access_combined"));
        assertThat(events).extracting(StoredEvent::host).containsOnly("www1");
        assertThat(events).extracting(e -> e.get("status")).containsExactly("404", "200");
        assertThat(events.get(1).time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
    }

    @Test
    void vigilImportServerVariantSendsThroughHec() throws Exception {
        dev.vigil.index.importer.HecForwarder forward = new dev.vigil.index.importer.HecForwarder(base + "/", TOKEN);
        forward.accept(List.of(dev.vigil.core.event.Event.builder().received(Instant.now())
                .raw("Mar  3 08:15:02 gw01 sshd[4121]: Failed password for root from 203.0.113.9 port 22 ssh2"
                        .getBytes(StandardCharsets.UTF_8)).source("/var/log/auth.log").fromHost("importer").build()));
        StoredEvent e = stored(Filter.field("action", "failure")).get(0);
        assertThat(e.host()).isEqualTo("gw01");
        assertThat(e.source()).isEqualTo("/var/log/auth.log");
        assertThat(e.sourcetype()).isEqualTo("linux_secure");
        assertThat(e.get("src")).isEqualTo("203.0.113.9");
        java.time.LocalDateTime wall = java.time.LocalDateTime.ofInstant(e.time(), java.time.ZoneId.systemDefault());
        assertThat(wall).isEqualTo(java.time.LocalDateTime.of(java.time.Year.now().getValue(), 3, 3, 8, 15, 2));
    }

    @Test
    void acceptsGzipBodiesAndRefusesOversizedOnes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("{\"event\":\"zipped event\"}".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = post("/services/collector", "Splunk " + TOKEN, bytes.toByteArray(), "Content-Encoding", "gzip");
        assertThat(r.body()).isEqualTo("{\"text\":\"Success\",\"code\":0}");
        assertThat(stored(Filter.term("zipped"))).hasSize(1);
        app.stop();
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
        });
        new HecHandler(new HecConfig(List.of(HecToken.of("t", TOKEN, false)), 100, 10, false), HecSink.of(store)).accept(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        HttpResponse<String> big = post("/services/collector", "Splunk " + TOKEN, "{\"event\":\"" + "x".repeat(200) + "\"}");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(body(big).get("text").asText()).isEqualTo("Content-Length of 212 too large (maximum is 100)");
    }
}

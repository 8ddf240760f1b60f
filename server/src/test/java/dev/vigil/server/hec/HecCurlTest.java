package dev.vigil.server.hec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.index.query.Filter;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl replaying the requests HEC clients document: Fluent Bit's {@code splunk} output (concatenated
 * {"time","event"} objects, {@code Authorization: Splunk}) and Vector's {@code splunk_hec_logs} sink
 * (gzip body, {@code X-Splunk-Request-Channel}, then polling {@code /services/collector/ack}).
 * Neither Fluent Bit nor Vector is packaged in Debian 12, so curl stands in for them.
 */
class HecCurlTest {
    static final String TOKEN = "5e1e2a4c-7a0b-4c55-9d3e-0123456789ab";
    static final String CHANNEL = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    @TempDir Path dir;
    LuceneEventStore store;
    Javalin app;
    String base;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "skipped: curl not installed");
        store = new LuceneEventStore(StoreOptions.defaults(dir));
        app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
        });
        new HecHandler(HecConfig.of(HecToken.of("vector", TOKEN, true)), HecSink.of(store)).accept(app);
        app.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.stop();
            store.close();
        }
    }

    private String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/curl", "-s", "-S"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(0);
        return out;
    }

    @Test
    void fluentBitStyleBatchAndVectorStyleGzipWithAcks() throws Exception {
        String fluentBit = "{\"time\":1700000000.123456,\"event\":{\"log\":\"Failed password for root\",\"stream\":\"stderr\"}}"
                + "{\"time\":1700000001.0,\"event\":{\"log\":\"second record\",\"stream\":\"stdout\"}}";
        String r1 = curl("-H", "Authorization: Splunk " + TOKEN, "-H", "X-Splunk-Request-Channel: " + CHANNEL,
                "-H", "Content-Type: application/json", "--data-binary", fluentBit, base + "/services/collector/event");
        assertThat(r1).isEqualTo("{\"text\":\"Success\",\"code\":0,\"ackId\":0}");

        Path gz = dir.resolve("body.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("{\"event\":\"vector says hello\",\"host\":\"vec01\",\"sourcetype\":\"vector\",\"fields\":{\"pod\":\"p1\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String r2 = curl("-H", "Authorization: Splunk " + TOKEN, "-H", "X-Splunk-Request-Channel: " + CHANNEL,
                "-H", "Content-Encoding: gzip", "--data-binary", "@" + gz, base + "/services/collector/event");
        assertThat(r2).isEqualTo("{\"text\":\"Success\",\"code\":0,\"ackId\":1}");

        // as Vector does: poll the pending ids; an id reported true is done (HEC forgets it)
        List<String> pending = new ArrayList<>(List.of("0", "1"));
        for (int i = 0; i < 200 && !pending.isEmpty(); i++) {
            String acks = curl("-H", "Authorization: Splunk " + TOKEN, "-H", "X-Splunk-Request-Channel: " + CHANNEL,
                    "--data-binary", "{\"acks\":[" + String.join(",", pending) + "]}", base + "/services/collector/ack");
            assertThat(acks).startsWith("{\"acks\":{");
            pending.removeIf(id -> acks.contains("\"" + id + "\":true"));
            Thread.sleep(20);
        }
        assertThat(pending).isEmpty();
        assertThat(curl(base + "/services/collector/health")).isEqualTo("{\"text\":\"HEC is healthy\",\"code\":17}");

        store.flush();
        try (Stream<StoredEvent> s = store.search(EventQuery.all())) {
            List<StoredEvent> all = s.collect(Collectors.toList());
            assertThat(all).hasSize(3);
        }
        try (Stream<StoredEvent> s = store.search(EventQuery.of(Filter.field("stream", "stderr")))) {
            StoredEvent e = s.findFirst().orElseThrow();
            assertThat(e.get("log")).isEqualTo("Failed password for root");
            assertThat(e.timeMicros()).isEqualTo(1_700_000_000_123_456L);
        }
        try (Stream<StoredEvent> s = store.search(EventQuery.of(Filter.field("pod", "p1")))) {
            StoredEvent e = s.findFirst().orElseThrow();
            assertThat(e.host()).isEqualTo("vec01");
            assertThat(e.sourcetype()).isEqualTo("vector");
        }
    }
}

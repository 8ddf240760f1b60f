package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node runs index retention from vigil.yml at start (and then periodically): partitions older than
 * their index's max_age are deleted whole, per-index limits override the default, the rest stays searchable.
 */
class RetentionNodeTest {
    @TempDir
    Path dir;

    private static Event at(String index, Instant t, String text) {
        return Event.builder().received(t).raw(text.getBytes(StandardCharsets.UTF_8)).sourcetype("misc").index(index)
                .build();
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    @Test
    void deletesPartitionsPastTheirIndexMaxAgeAtStart() throws Exception {
        Instant now = Instant.now();
        Instant d100 = now.minus(Duration.ofDays(100));
        Instant d40 = now.minus(Duration.ofDays(40));
        Path data = dir.resolve("data");
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(data))) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(at("main", d100.plusSeconds(i), "ancient main event " + i));
                batch.add(at("main", d40.plusSeconds(i), "older main event " + i));
                batch.add(at("main", now.minusSeconds(i), "fresh main event " + i));
                batch.add(at("web", d40.plusSeconds(i), "older web event " + i));
                batch.add(at("web", now.minusSeconds(i), "fresh web event " + i));
            }
            store.append(batch);
            store.flush();
        }
        Path yml = dir.resolve("vigil.yml");
        Files.writeString(yml, String.join("\n",
                "data: data",
                "index:",
                "  retention:",
                "    default: {max_age: 60d, max_size: 50GB}",
                "    per_index:",
                "      web: {max_age: 30d}",
                ""));
        ServerSettings s = ServerSettings.load(yml);
        assertThat(s.retention.perIndex.get("web").maxBytes()).isEqualTo(50L << 30); // inherited from default
        s.syslogPort = 0;
        s.syslogAddress = "127.0.0.1";
        s.httpPort = 0;
        s.httpAddress = "127.0.0.1";
        s.ntpEnabled = false;
        VigilServer server = new VigilServer(s);
        server.start();
        try {
            Path main100 = data.resolve("index/main/" + day(d100));
            Path web40 = data.resolve("index/web/" + day(d40));
            for (int i = 0; i < 100 && (Files.exists(main100) || Files.exists(web40)); i++) {
                Thread.sleep(100);
            }
            assertThat(main100).doesNotExist();
            assertThat(web40).doesNotExist();
            assertThat(data.resolve("index/main/" + day(d40))).isDirectory(); // 40 days < main's 60
            assertThat(data.resolve("index/web/" + day(now))).isDirectory();

            String base = "http://127.0.0.1:" + server.port("http");
            String counts = post(base + "/api/search",
                    "{\"query\":\"* | stats count by index\",\"earliest\":\"0\",\"format\":\"csv\"}");
            assertThat(counts).contains("main,10").contains("web,5");
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).containsPattern("vigil_retention_deleted_partitions(_total)?(\\{[^}]*\\})? 2\\.0");
        } finally {
            server.close();
        }
    }

    private static String post(String url, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }
}

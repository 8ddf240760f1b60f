package dev.vigil.server.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.search.exec.InMemorySearchSource;
import dev.vigil.search.exec.SearchEvent;
import dev.vigil.search.exec.SearchLimits;
import dev.vigil.search.exec.SearchSource;
import dev.vigil.search.exec.Searcher;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final double T0 = 1710072000; // 2024-03-10T12:00:00Z
    final HttpClient http = HttpClient.newHttpClient();
    Javalin app;
    SearchApi api;

    static List<SearchEvent> events() {
        List<SearchEvent> out = new ArrayList<>();
        String[] hosts = {"web01", "web02", "db01"};
        for (int i = 0; i < 30; i++) {
            out.add(new SearchEvent(T0 + i, "action=" + (i % 3 == 0 ? "fail" : "ok") + " n=" + i,
                    Map.of("host", hosts[i % 3], "sourcetype", "syslog")));
        }
        return out;
    }

    /** Never ends on its own: the events a cancelled or timed-out search would still be reading. */
    static final SearchSource ENDLESS = (earliest, latest, filter, sink) -> {
        for (long i = 0; ; i++) if (!sink.accept(new SearchEvent(T0 - i, "tick " + i, Map.of("host", "h")))) return;
    };

    String start(SearchSource source, SearchLimits limits) {
        api = new SearchApi(new Searcher(source, null, ZoneOffset.UTC, limits), ZoneOffset.UTC, 2);
        app = Javalin.create().start("127.0.0.1", 0);
        api.mount(app);
        return "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        if (app != null) app.stop();
        if (api != null) api.close();
    }

    HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void streamsJsonLinesOneResultPerLine() throws Exception {
        String base = start(new InMemorySearchSource(events()), SearchLimits.defaults());
        var r = post(base + "/api/search", "{\"query\": \"action=fail | stats count by host\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        assertThat(r.body().split("\n")).containsExactly("{\"host\":\"web01\",\"count\":10}");
    }

    @Test
    void answersJsonAndCsvWithColumns() throws Exception {
        String base = start(new InMemorySearchSource(events()), SearchLimits.defaults());
        var j = post(base + "/api/search", "{\"query\": \"* | stats count by host\", \"format\": \"json\"}");
        JsonNode n = JSON.readTree(j.body());
        assertThat(n.get("columns").toString()).isEqualTo("[\"host\",\"count\"]");
        assertThat(n.get("rows").toString()).isEqualTo("[[\"db01\",10],[\"web01\",10],[\"web02\",10]]");
        var form = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("search=*+%7C+top+limit%3D1+host&output_mode=csv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.body()).isEqualTo("host,count,percent\r\ndb01,10,33.333333\r\n");
    }

    @Test
    void remoteSearchClientReadsTheServersAnswer() throws Exception {
        String base = start(new InMemorySearchSource(events()), SearchLimits.defaults());
        var r = dev.vigil.search.client.RemoteSearch.run(base, "action=ok | stats count by host | sort -host", null, null);
        assertThat(r.columns()).containsExactly("host", "count");
        assertThat(r.rows()).hasSize(2); // every third event (web01) fails
        assertThat(r.rows().get(0).get("host")).isEqualTo("web02");
        assertThat(r.rows().get(0).get("count")).isEqualTo(10.0);
        var ev = dev.vigil.search.client.RemoteSearch.run(base, "n=29", null, null);
        assertThat(ev.events()).isTrue();
        assertThat(ev.rows().get(0).time()).isEqualTo(T0 + 29);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> dev.vigil.search.client.RemoteSearch.run(base, "* | stats count by", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a field name after BY");
    }

    @Test
    void malformedQueryIs400WithPosition() throws Exception {
        String base = start(new InMemorySearchSource(events()), SearchLimits.defaults());
        var r = post(base + "/api/search", "{\"query\": \"* | stast count\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode n = JSON.readTree(r.body());
        assertThat(n.get("position").asInt()).isEqualTo(4);
        assertThat(n.get("message").asText()).contains("did you mean 'stats'");
        assertThat(post(base + "/api/search", "not json").statusCode()).isEqualTo(400);
        assertThat(post(base + "/api/search", "{\"query\": \"*\", \"earliest\": \"-3x\"}").statusCode()).isEqualTo(400);
        var lookup = post(base + "/api/search", "{\"query\": \"| inputlookup nothere\", \"format\": \"json\"}");
        assertThat(lookup.statusCode()).isEqualTo(422);
        assertThat(lookup.body()).contains("no lookups directory is configured");
    }

    @Test
    void jobRunsToDoneAndServesResults() throws Exception {
        String base = start(new InMemorySearchSource(events()), SearchLimits.defaults());
        var created = post(base + "/api/search/jobs", "{\"query\": \"* | stats count\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String sid = JSON.readTree(created.body()).get("sid").asText();
        JsonNode st = poll(base, sid);
        assertThat(st.get("state").asText()).isEqualTo("DONE");
        assertThat(st.get("scanned").asLong()).isEqualTo(30);
        var res = get(base + "/api/search/jobs/" + sid + "/results");
        assertThat(JSON.readTree(res.body()).get("rows").toString()).isEqualTo("[[30]]");
        assertThat(get(base + "/api/search/jobs/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
        String base = start(ENDLESS, SearchLimits.defaults());
        String sid = JSON.readTree(post(base + "/api/search/jobs", "{\"query\": \"* | stats count\"}").body()).get("sid").asText();
        Thread.sleep(200);
        assertThat(JSON.readTree(get(base + "/api/search/jobs/" + sid).body()).get("scanned").asLong()).isPositive();
        assertThat(post(base + "/api/search/jobs/" + sid + "/cancel", "").statusCode()).isEqualTo(200);
        assertThat(poll(base, sid).get("state").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void timeoutStopsTheSearchNotTheServer() throws Exception {
        String base = start(ENDLESS, new SearchLimits(64L << 20, Duration.ofMillis(300), 1000));
        var slow = post(base + "/api/search", "{\"query\": \"* | stats count\", \"format\": \"json\"}");
        assertThat(slow.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(slow.body()).get("message").asText()).isEqualTo("search exceeded its time limit of 300 ms");
        assertThat(post(base + "/api/search", "{\"query\": \"| makeresults | eval x=1\"}").body()).startsWith("{\"_time\":");
    }

    @Test
    void memoryLimitStopsTheSearchNotTheServer() throws Exception {
        String base = start(ENDLESS, new SearchLimits(1L << 20, Duration.ofMinutes(2), 1000));
        var big = post(base + "/api/search", "{\"query\": \"* | sort _raw\", \"format\": \"json\"}");
        assertThat(big.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(big.body()).get("message").asText()).contains("exceeds the limit of 1048576 bytes");
        var lines = post(base + "/api/search", "{\"query\": \"* | sort _raw\"}");
        assertThat(lines.body()).startsWith("{\"error\":\"search memory");
        assertThat(post(base + "/api/search", "{\"query\": \"| makeresults | eval x=1\"}").body()).startsWith("{\"_time\":");
    }

    JsonNode poll(String base, String sid) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode st = JSON.readTree(get(base + "/api/search/jobs/" + sid).body());
            String s = st.get("state").asText();
            if (!s.equals("RUNNING") && !s.equals("QUEUED")) return st;
            Thread.sleep(25);
        }
        throw new AssertionError("job " + sid + " did not finish");
    }
}

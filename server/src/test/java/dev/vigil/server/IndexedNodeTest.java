package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node indexes what it receives: a syslog message is searchable with SPL through the node's own API
 * within seconds, and events posted to Splunk's HEC endpoint land in the same index.
 */
class IndexedNodeTest {
    @TempDir
    Path dir;

    private static String post(String url, String contentType, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static String searchUntil(String base, String query, String expect) throws Exception {
        String body = "{\"query\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(query)
                + ",\"earliest\":\"0\",\"format\":\"json\"}";
        String last = "";
        for (int i = 0; i < 100; i++) {
            last = post(base + "/api/search", "application/json", null, body);
            if (last.contains(expect)) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    @Test
    void syslogAndHecEventsAreSearchable() throws Exception {
        try (RunningServer s = new RunningServer(dir, c -> c.hecTokens = List.of(
                new ServerSettings.HecTokenSetting("lab", "11111111-2222-3333-4444-555555555555", null, null, false)))) {
            String base = "http://127.0.0.1:" + s.port("http");
            SyslogClients.tcp(s.port("tcp"),
                    "<38>Feb  5 07:08:09 gw01 sshd[4121]: Accepted publickey for deploy from 10.0.4.17 port 51514 ssh2\n"
                    + "<38>Feb  5 07:08:10 gw02 sshd[77]: Failed password for root from 10.0.4.99 port 40000 ssh2\n");
            String hec = post(base + "/services/collector/event", "application/json",
                    "Splunk 11111111-2222-3333-4444-555555555555",
                    "{\"event\":\"door opened\",\"host\":\"badge01\",\"sourcetype\":\"badge\"}");
            assertThat(hec).startsWith("200 ").contains("\"code\":0");
            String bySyslog = searchUntil(base, "search sshd | stats count by host | sort host", "gw02");
            assertThat(bySyslog).contains("\"gw01\"").contains("\"gw02\"");
            String byHec = searchUntil(base, "search sourcetype=badge | table host _raw", "badge01");
            assertThat(byHec).contains("badge01").contains("door opened");
            String bad = post(base + "/services/collector/event", "application/json", "Splunk wrong", "{\"event\":1}");
            assertThat(bad).startsWith("403 ").contains("Invalid token");
        }
    }
}

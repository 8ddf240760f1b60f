package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HEC client from a package registry: Splunk's own Node.js library {@code splunk-logging} (npm), which
 * posts batches of {@code {"time","host","source","sourcetype","index","event":{"message","severity"}}} objects to
 * {@code /services/collector/event/1.0}. .ci/run installs it under /opt/vigil-peers (or set VIGIL_NODE_PEERS to a
 * node_modules folder holding it).
 */
class HecSplunkLoggingTest {
    static final String TOKEN = "0b4c5d2e-1f3a-4b6c-8d9e-0a1b2c3d4e5f";

    @TempDir
    Path dir;

    private static Path nodeModules() {
        String env = System.getenv("VIGIL_NODE_PEERS");
        return Path.of(env != null ? env : "/opt/vigil-peers/node_modules");
    }

    @Test
    void splunksOwnNodeClientSendsBatchesThatAreIndexedWithTheirMetadata() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "skipped: node not installed");
        assumeTrue(Files.isDirectory(nodeModules().resolve("splunk-logging")),
                "skipped: splunk-logging not installed (npm install --prefix /opt/vigil-peers splunk-logging)");
        Path script = dir.resolve("send.js");
        try (InputStream in = getClass().getResourceAsStream("/hec/splunk-logging-send.js")) {
            Files.write(script, in.readAllBytes());
        }
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> c.hecTokens = List.of(
                new ServerSettings.HecTokenSetting("node", TOKEN, null, null, false)))) {
            String base = "http://127.0.0.1:" + s.port("http");
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/node", script.toString(), base, TOKEN, "1000")
                    .redirectErrorStream(true);
            pb.environment().put("NODE_PATH", nodeModules().toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("\"failures\":0").contains("Success");

            String counts = searchUntil(base, "search sourcetype=\"nodejs:app\" source=node-app | stats count by host "
                    + "| sort host", "[\"web02\",333]");
            assertThat(counts).contains("[\"web00\",334]").contains("[\"web01\",333]")
                    .contains("[\"web02\",333]");
            // the event object's nested keys are fields, dotted, as Splunk's JSON extraction names them
            String nested = searchUntil(base, "search sourcetype=\"nodejs:app\" message.user=user3 severity=error "
                    + "| stats count", "\"rows\"");
            assertThat(nested).contains("[[15]]");
        }
    }

    private static String searchUntil(String base, String query, String expect) throws Exception {
        String body = "{\"query\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(query)
                + ",\"earliest\":\"0\",\"format\":\"json\"}";
        String last = "";
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
                    + "/api/search")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            last = r.body();
            if (last.contains(expect)) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }
}

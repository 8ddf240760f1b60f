package dev.vigil.index.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.event.Event;
import dev.vigil.index.extract.FieldExtractor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends imported events to a server's HTTP Event Collector ({@code POST <url>/services/collector/event},
 * one JSON object per event, concatenated), with each event's own timestamp resolved here.
 */
public final class HecForwarder implements EventSink {
    /** The server answered, but not with success; {@link #status()} is the HTTP status. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** True when sending the same batch later may succeed (server busy or failing, not a refusal of the data). */
        public boolean retryable() {
            return status >= 500 || status == 429 || status == 408;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String token;

    /** Forwards to the HEC of the server at {@code baseUrl} with {@code token}. */
    public HecForwarder(String baseUrl, String token) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(b + "/services/collector/event");
        this.token = token;
    }

    @Override
    public void accept(List<Event> batch) throws IOException {
        StringBuilder body = new StringBuilder(batch.size() * 300);
        for (Event e : batch) {
            body.append(JSON.writeValueAsString(toJson(e))).append('\n');
        }
        HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).header("Authorization", "Splunk " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new Refused(r.statusCode(), "HEC at " + endpoint + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending to " + endpoint, ie);
        }
    }

    private static ObjectNode toJson(Event e) {
        ObjectNode o = JSON.createObjectNode();
        String raw = e.rawString();
        Instant t = e.reported() != null ? e.reported().toInstant() : FieldExtractor.extract(e.sourcetype(), raw).time();
        if (t != null) {
            o.put("time", new java.math.BigDecimal(t.getEpochSecond()).add(java.math.BigDecimal.valueOf(t.getNano(), 9)));
        }
        if (!e.hostname().isEmpty()) {
            o.put("host", e.hostname());
        } else {
            String h = FieldExtractor.extract(e.sourcetype(), raw).host();
            o.put("host", h != null ? h : e.fromHost());
        }
        if (e.source() != null) {
            o.put("source", e.source());
        }
        if (e.sourcetype() != null) {
            o.put("sourcetype", e.sourcetype());
        }
        if (e.index() != null) {
            o.put("index", e.index());
        }
        o.put("event", raw);
        if (!e.fields().isEmpty()) {
            ObjectNode f = o.putObject("fields");
            for (Map.Entry<String, Object> x : e.fields().entrySet()) {
                if (x.getValue() instanceof List<?> l) {
                    var arr = f.putArray(x.getKey());
                    l.forEach(v -> arr.add(String.valueOf(v)));
                } else {
                    f.put(x.getKey(), String.valueOf(x.getValue()));
                }
            }
        }
        return o;
    }
}

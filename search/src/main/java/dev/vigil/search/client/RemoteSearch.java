package dev.vigil.search.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.search.exec.Row;
import dev.vigil.search.exec.SearchResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A search sent to a running server's {@code POST /api/search} (format json), read back as a result. */
public final class RemoteSearch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteSearch() {}

    /**
     * Runs the query on the server.
     *
     * @throws IllegalArgumentException with the server's message when it rejects the query (HTTP 400)
     * @throws IOException when the server cannot be reached or fails
     */
    public static SearchResult run(String server, String query, String earliest, String latest) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        if (earliest != null) body.put("earliest", earliest);
        if (latest != null) body.put("latest", latest);
        body.put("format", "json");
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> resp;
        try {
            resp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode n = JSON.readTree(resp.body().isEmpty() ? "{}" : resp.body());
        if (resp.statusCode() == 400) throw new IllegalArgumentException(n.path("message").asText(resp.body()));
        if (resp.statusCode() != 200) {
            throw new IOException("server answered HTTP " + resp.statusCode() + ": " + n.path("message").asText(resp.body()));
        }
        return fromJson(n);
    }

    /** Reads {@code {"columns": [...], "rows": [[...]], "events": bool}} back into a result. */
    public static SearchResult fromJson(JsonNode n) {
        List<String> cols = new ArrayList<>();
        n.path("columns").forEach(c -> cols.add(c.asText()));
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : n.path("rows")) {
            Row row = new Row();
            for (int i = 0; i < cols.size(); i++) row.put(cols.get(i), value(cols.get(i), r.get(i)));
            rows.add(row);
        }
        return new SearchResult(cols, rows, n.path("events").asBoolean(false), rows.size(), n.path("scanned").asLong(0), false);
    }

    private static Object value(String col, JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return v.asDouble();
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(value("", x)));
            return List.copyOf(l);
        }
        if (col.equals("_time")) {
            try {
                OffsetDateTime t = OffsetDateTime.parse(v.asText());
                return t.toEpochSecond() + t.getNano() / 1e9;
            } catch (RuntimeException e) {
                return v.asText();
            }
        }
        return v.asText();
    }
}

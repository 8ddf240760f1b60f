package dev.vigil.server.api.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The parameters of a search request, from a JSON body or form/query parameters. Splunk's REST names are
 * accepted too ({@code search}, {@code earliest_time}, {@code latest_time}, {@code output_mode}).
 *
 * @param query    the SPL
 * @param earliest earliest time modifier or null
 * @param latest   latest time modifier or null
 * @param format   jsonl (default), json or csv
 */
record SearchRequest(String query, String earliest, String latest, String format) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request bodies larger than this are refused. */
    static final int MAX_BODY = 256 * 1024;

    static SearchRequest from(Context ctx) throws IOException {
        String ct = ctx.contentType() == null ? "" : ctx.contentType();
        if (ct.startsWith("application/json")) {
            byte[] body = ctx.bodyAsBytes();
            if (body.length > MAX_BODY) {
                throw new IllegalArgumentException("request body of " + body.length + " bytes exceeds the maximum " + MAX_BODY);
            }
            JsonNode n;
            try {
                n = JSON.readTree(body);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the request body is not valid JSON: " + e.getOriginalMessage());
            }
            if (n == null || !n.isObject()) throw new IllegalArgumentException("expected a JSON object with a \"query\"");
            return new SearchRequest(text(n, "query", "search"), text(n, "earliest", "earliest_time"),
                    text(n, "latest", "latest_time"), text(n, "format", "output_mode"));
        }
        return new SearchRequest(param(ctx, "query", "search"), param(ctx, "earliest", "earliest_time"),
                param(ctx, "latest", "latest_time"), param(ctx, "format", "output_mode"));
    }

    private static String text(JsonNode n, String a, String b) {
        JsonNode v = n.hasNonNull(a) ? n.get(a) : n.get(b);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String param(Context ctx, String a, String b) {
        String v = ctx.formParam(a);
        if (v == null) v = ctx.queryParam(a);
        if (v == null) v = ctx.formParam(b);
        if (v == null) v = ctx.queryParam(b);
        return v;
    }

    /** The query with Splunk's REST habit of a leading "search " left as is; rejects a missing query. */
    SearchRequest validated() {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("missing \"query\": the SPL to run");
        String f = format == null ? "jsonl" : format.toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("jsonl") && !f.equals("json") && !f.equals("csv")) {
            throw new IllegalArgumentException("unknown format '" + format + "': expected jsonl, json or csv");
        }
        return new SearchRequest(query, earliest, latest, f);
    }
}

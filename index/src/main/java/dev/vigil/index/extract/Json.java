package dev.vigil.index.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * JSON events (Splunk's {@code _json}, INDEXED_EXTRACTIONS=json): every key, nested objects joined
 * with {@code .}, array elements under {@code key{}} as Splunk's spath names them (multivalue), and
 * the event time from the first of {@code @timestamp}, {@code timestamp}, {@code time}, {@code ts},
 * {@code UtcTime} (Sysmon, UTC), {@code TimeCreated} / {@code TimeCreated.SystemTime} (Windows).
 */
final class Json {
    /** Nesting deeper than this is not descended into. */
    static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 8).build()).build();
    static final String[] TIME_KEYS = {"@timestamp", "timestamp", "time", "ts", "UtcTime", "TimeCreated",
        "TimeCreated.SystemTime"};

    private Json() {
    }

    /** Flattens the object into {@code out}; returns false when the text is not one JSON object. */
    static boolean flatten(String s, Map<String, Object> out) {
        try (JsonParser p = FACTORY.createParser(s)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            object(p, "", out, 0);
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false; // malformed: the event keeps the fields found so far
        }
    }

    private static void object(JsonParser p, String prefix, Map<String, Object> out, int depth) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            value(p, p.nextToken(), key, out, depth);
        }
    }

    private static void value(JsonParser p, JsonToken t, String key, Map<String, Object> out, int depth)
            throws IOException {
        if (t == JsonToken.START_OBJECT) {
            if (depth >= MAX_DEPTH) {
                p.skipChildren();
            } else {
                object(p, key + ".", out, depth + 1);
            }
        } else if (t == JsonToken.START_ARRAY) {
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
                if (depth >= MAX_DEPTH) {
                    p.skipChildren();
                } else {
                    value(p, e, key + "{}", out, depth + 1);
                }
            }
        } else if (t != JsonToken.VALUE_NULL && t != null) {
            Kv.put(out, key, p.getText());
        } else if (t == JsonToken.VALUE_NULL) {
            Kv.put(out, key, "null");
        }
    }

    /** The event time from the usual keys of a flattened object, or null. */
    static Instant time(Map<String, Object> fields) {
        for (String k : TIME_KEYS) {
            Object v = fields.get(k);
            if (v instanceof String s) {
                Instant t = Times.any(s);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}

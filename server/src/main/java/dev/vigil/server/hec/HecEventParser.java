package dev.vigil.server.hec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of {@code /services/collector/event}: one or more JSON objects, one after another
 * (not an array), each with {@code event} and optionally {@code time}, {@code host}, {@code source},
 * {@code sourcetype}, {@code index} and {@code fields}. The whole batch is read before any event is
 * accepted; the first bad event refuses the request with its number.
 */
final class HecEventParser {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    private HecEventParser() {
    }

    /** The request's events, with defaults from the token and the client. */
    static List<Event> parse(byte[] body, HecToken token, String clientHost, Instant now, int maxEvents)
            throws HecException {
        List<Event> out = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            int n = 0;
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                } catch (IOException e) {
                    throw new HecException(HecStatus.INVALID_DATA_FORMAT, n);
                }
                if (t == null) {
                    break;
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new HecException(HecStatus.INVALID_DATA_FORMAT, n);
                }
                if (n >= maxEvents) {
                    throw new HecException(HecStatus.SERVER_BUSY, n);
                }
                JsonNode o;
                try {
                    o = MAPPER.readTree(p);
                } catch (IOException e) {
                    throw new HecException(HecStatus.INVALID_DATA_FORMAT, n);
                }
                out.add(event(o, n, token, clientHost, now));
                n++;
            }
        } catch (IOException e) {
            throw new HecException(HecStatus.INVALID_DATA_FORMAT, out.size());
        }
        if (out.isEmpty()) {
            throw new HecException(HecStatus.NO_DATA);
        }
        return out;
    }

    private static Event event(JsonNode o, int n, HecToken token, String clientHost, Instant now) throws HecException {
        JsonNode ev = o.get("event");
        if (ev == null || ev.isNull()) {
            throw new HecException(HecStatus.EVENT_REQUIRED, n);
        }
        String raw = ev.isTextual() ? ev.asText() : ev.toString();
        if (raw.isBlank()) {
            throw new HecException(HecStatus.EVENT_BLANK, n);
        }
        // without "time", the event's own time is read from its text per sourcetype (else the receive time)
        Instant time = null;
        JsonNode t = o.get("time");
        if (t != null && !t.isNull()) {
            time = HecRequests.epoch(t.asText());
            if (time == null) {
                throw new HecException(HecStatus.INVALID_DATA_FORMAT, n);
            }
        }
        String index = HecRequests.index(text(o, "index"), token, n);
        Event.Builder b = Event.builder().received(now)
                .raw(raw.getBytes(StandardCharsets.UTF_8)).msg(raw)
                .hostname(first(text(o, "host"), token.host(), clientHost)).fromHost(clientHost)
                .source(first(text(o, "source"), token.source(), "http:" + token.name()))
                .sourcetype(first(text(o, "sourcetype"), token.sourcetype(), null))
                .index(index).inputName("hec");
        if (time != null) {
            b.reported(SyslogTime.ofInstant(time, ZoneOffset.UTC));
        }
        JsonNode fields = o.get("fields");
        if (fields != null && !fields.isNull()) {
            b.fields(fields(fields, n));
        }
        return b.build();
    }

    /** HEC's indexed fields: string (or number/boolean) values, or arrays of them; nothing nested. */
    private static Map<String, Object> fields(JsonNode fields, int n) throws HecException {
        if (!fields.isObject()) {
            throw new HecException(HecStatus.INDEXED_FIELDS_ERROR, n);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isValueNode() && !v.isNull()) {
                out.put(f.getKey(), v.asText());
            } else if (v.isArray()) {
                List<String> values = new ArrayList<>();
                for (JsonNode e : v) {
                    if (!e.isValueNode() || e.isNull()) {
                        throw new HecException(HecStatus.INDEXED_FIELDS_ERROR, n);
                    }
                    values.add(e.asText());
                }
                out.put(f.getKey(), values);
            } else {
                throw new HecException(HecStatus.INDEXED_FIELDS_ERROR, n);
            }
        }
        return out;
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String first(String a, String b, String c) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : c;
    }
}

package dev.vigil.index;

import dev.vigil.index.query.FieldSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An event as a search reads it back: Splunk's default fields plus every stored or extracted field.
 * Field values are a {@code String} or, for multivalue fields, a {@code List<String>}.
 *
 * @param timeMicros {@code _time} in microseconds since the epoch
 * @param raw {@code _raw}
 * @param host Splunk's host
 * @param source Splunk's source
 * @param sourcetype Splunk's sourcetype
 * @param index the index the event lives in
 * @param fields every other field, in extraction order
 */
public record StoredEvent(long timeMicros, String raw, String host, String source, String sourcetype, String index,
                          Map<String, Object> fields) implements FieldSource {

    public StoredEvent {
        fields = Collections.unmodifiableMap(fields);
    }

    /** {@code _time} as an instant. */
    public Instant time() {
        return Instant.ofEpochSecond(Math.floorDiv(timeMicros, 1_000_000L), Math.floorMod(timeMicros, 1_000_000L) * 1000L);
    }

    /** {@code _time} as Splunk shows it: epoch seconds with a fraction. */
    public double timeSeconds() {
        return timeMicros / 1e6;
    }

    /** One value of a field (the first of a multivalue field), or null; default fields included. */
    public String get(String field) {
        List<String> v = values(field);
        return v.isEmpty() ? null : v.get(0);
    }

    @Override
    public List<String> values(String field) {
        switch (field) {
            case "_raw": return List.of(raw);
            case "_time": return List.of(formatTime(timeMicros));
            case "host": return List.of(host);
            case "source": return List.of(source);
            case "sourcetype": return List.of(sourcetype);
            case "index": return List.of(index);
            default:
                Object v = fields.get(field);
                return asList(v);
        }
    }

    /** A field value (String or List) as a list of strings. */
    @SuppressWarnings("unchecked")
    public static List<String> asList(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return List.of(v.toString());
    }

    private static String formatTime(long micros) {
        long sec = Math.floorDiv(micros, 1_000_000L);
        long frac = Math.floorMod(micros, 1_000_000L);
        if (frac == 0) {
            return Long.toString(sec);
        }
        String f = String.format("%06d", frac).replaceAll("0+$", "");
        return sec + "." + f;
    }
}

package dev.vigil.search.exec;

import java.util.Map;

/**
 * An event as a {@link SearchSource} hands it to a search.
 *
 * @param time   {@code _time} in epoch seconds (fractions allowed)
 * @param raw    {@code _raw}
 * @param fields in order: host, source, sourcetype, index and every index-time field: String or List of String
 */
public record SearchEvent(double time, String raw, Map<String, Object> fields) {
    public SearchEvent {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}

package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;

/**
 * What a sourcetype yields from one event.
 *
 * @param fields the extracted fields in extraction order; values are String or List of String
 * @param time the event's own timestamp, or null when the text has none
 * @param host the host the text names (syslog's HOSTNAME), or null
 */
public record Extraction(Map<String, Object> fields, Instant time, String host) {
}

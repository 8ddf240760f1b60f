package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;

/**
 * What a sourcetype yields from one event.
 *
 * @param fields the extracted fields in extraction order; values are String or List of String
 * @param time the event's own timestamp, or null when the text has none
 * @param host the host the text names (syslog's HOSTNAME, a Windows event's Computer), or null
 * @param ownRecord true when the text is a record that carries its own time and host (a Windows event's
 *                  TimeCreated and Computer): they outrank a syslog header wrapped around it and the
 *                  sender's address, though not a time or host the sender gave explicitly (HEC's)
 */
public record Extraction(Map<String, Object> fields, Instant time, String host, boolean ownRecord) {
    /** An extraction whose time and host are only what the text says (no record of its own). */
    public Extraction(Map<String, Object> fields, Instant time, String host) {
        this(fields, time, host, false);
    }
}

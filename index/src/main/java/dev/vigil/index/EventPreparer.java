package dev.vigil.index;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.Facility;
import dev.vigil.core.event.Severity;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.index.extract.Extraction;
import dev.vigil.index.extract.FieldExtractor;
import dev.vigil.index.extract.Sourcetypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link Event} into what a store keeps: Splunk's default fields ({@code _time}, {@code _raw},
 * host, source, sourcetype, index), the syslog properties under rsyslog's names, the fields the
 * event arrived with, and the fields its sourcetype yields. Shared by every store implementation.
 */
public final class EventPreparer {
    /** Names that are default fields, never extracted fields. */
    public static final Set<String> RESERVED = Set.of("_raw", "_time", "host", "source", "sourcetype", "index");

    private final String defaultIndex;

    /** A preparer filing events that name no index under {@code defaultIndex}. */
    public EventPreparer(String defaultIndex) {
        this.defaultIndex = defaultIndex;
    }

    /** The stored form of an event. */
    public StoredEvent prepare(Event e) {
        String raw = rawOf(e);
        String sourcetype = e.sourcetype() != null && !e.sourcetype().isEmpty() ? e.sourcetype()
                : Sourcetypes.detect(raw, e.source());
        Map<String, Object> fields = new LinkedHashMap<>();
        if (isSyslog(e)) {
            syslogProperties(e, fields);
        }
        Extraction x = FieldExtractor.extract(sourcetype, raw);
        for (Map.Entry<String, Object> f : x.fields().entrySet()) {
            if (!isReserved(f.getKey())) {
                fields.putIfAbsent(f.getKey(), f.getValue());
            }
        }
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (!isReserved(f.getKey()) && f.getValue() != null) {
                fields.put(f.getKey(), f.getValue() instanceof Number || f.getValue() instanceof Boolean
                        ? f.getValue().toString() : f.getValue());
            }
        }
        Instant time = time(e, x);
        String host = host(e, x);
        String index = e.index() == null || e.index().isEmpty() ? defaultIndex : e.index();
        return new StoredEvent(micros(time), raw, host, e.source() == null ? "" : e.source(), sourcetype, index, fields);
    }

    /**
     * {@code _time}: the sender's timestamp (syslog header, HEC {@code time}), else the one the sourcetype
     * finds in the text, else the receive time. A record with its own time (a Windows event's TimeCreated)
     * outranks a syslog header wrapped around it.
     */
    static Instant time(Event e, Extraction x) {
        SyslogTime r = e.reported();
        Instant sender = r == null ? null : r.toInstant();
        if (sender != null && isReceptionTime(sender, e.received())) {
            sender = null;
        }
        if (x.time() != null && (sender == null || (x.ownRecord() && isSyslog(e)))) {
            return x.time();
        }
        return sender != null ? sender : e.received();
    }

    /** A syslog parser stamps a message without a timestamp of its own with its reception time (in µs). */
    private static boolean isReceptionTime(Instant reported, Instant received) {
        return reported.getEpochSecond() == received.getEpochSecond()
                && reported.getNano() / 1000 == received.getNano() / 1000;
    }

    /**
     * {@code host}: the line's own HOSTNAME (Splunk's syslog-host rule), else the host the text names, else
     * the peer's name. A record's own host (a Windows event's Computer) outranks the peer's name, which is
     * what HOSTNAME holds when a frame had no syslog header.
     */
    static String host(Event e, Extraction x) {
        if (x.ownRecord() && x.host() != null
                && (e.hostname().isEmpty() || (!isSyslog(e) && e.hostname().equals(e.fromHost())))) {
            return x.host();
        }
        return !e.hostname().isEmpty() ? e.hostname() : x.host() != null ? x.host() : e.fromHost();
    }

    /** {@link #RESERVED} without hashing (this runs for every field of every event). */
    private static boolean isReserved(String name) {
        switch (name) {
            case "_raw": case "_time": case "host": case "source": case "sourcetype": case "index":
                return true;
            default:
                return false;
        }
    }

    /** {@code _raw}: the frame after its PRI, as Splunk's syslog inputs store it, else the message. */
    static String rawOf(Event e) {
        byte[] raw = e.raw();
        if (raw.length == 0) {
            return e.msg();
        }
        int from = e.rawAfterPri();
        int to = raw.length;
        while (to > from && (raw[to - 1] == '\n' || raw[to - 1] == '\r')) {
            to--;
        }
        return new String(raw, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isSyslog(Event e) {
        return !e.syslogTag().isEmpty() || !e.programName().isEmpty() || "1".equals(e.protocolVersion());
    }

    private static void syslogProperties(Event e, Map<String, Object> f) {
        f.put("syslogfacility-text", Facility.name(e.facility()));
        f.put("syslogseverity-text", Severity.name(e.severity()));
        putIfSet(f, "programname", e.programName());
        putIfSet(f, "procid", e.procId());
        putIfSet(f, "app-name", e.appName());
        putIfSet(f, "msgid", e.msgId());
        putIfSet(f, "fromhost-ip", e.fromHostIp());
        putIfSet(f, "structured-data", e.structuredData());
    }

    private static void putIfSet(Map<String, Object> f, String name, String v) {
        if (v != null && !v.isEmpty() && !v.equals("-")) {
            f.put(name, v);
        }
    }

    /** Epoch microseconds of an instant. */
    public static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}

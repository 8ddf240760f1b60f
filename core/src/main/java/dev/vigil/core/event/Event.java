package dev.vigil.core.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event, from any input to any action: what was received, when, from whom, and what the sender
 * reported. String properties carry rsyslog's exact values ({@code "-"} for RFC 5424 nil values,
 * control characters already escaped), so templates and filters see what rsyslog would see.
 *
 * <p>Immutable; build one with {@link #builder()} or derive one with {@link #toBuilder()}.
 */
public final class Event {
    /** PRI of a message whose PRI could not be parsed: facility "invld" (24), severity debug, as rsyslog. */
    public static final int PRI_INVALID = (24 << 3) | 7;

    private final Instant received;
    private final SyslogTime reported;
    private final String hostname;
    private final String fromHost;
    private final String fromHostIp;
    private final int pri;
    private final String syslogTag;
    // derived from the tag on first use when built with Builder#derivedFromTag (outputs rarely need them)
    private String programName;
    private String appName;
    private String procId;
    private final String msgId;
    private final String protocolVersion;
    private final String structuredData;
    private String msg; // decoded lazily from raw when msgOffset >= 0 (outputs usually copy bytes)
    private final byte[] raw;
    private final int rawAfterPri;
    private final int msgOffset;
    private final String inputName;
    private final String source;
    private final String sourcetype;
    private final String index;
    private final Map<String, Object> fields;

    private Event(Builder b) {
        this.received = Objects.requireNonNull(b.received, "received");
        this.reported = b.reported;
        this.hostname = nz(b.hostname);
        this.fromHost = nz(b.fromHost);
        this.fromHostIp = nz(b.fromHostIp);
        this.pri = b.pri;
        this.syslogTag = nz(b.syslogTag);
        if (b.derivedFromTag) {
            this.programName = b.programName;
            this.appName = b.appName;
            this.procId = b.procId;
        } else {
            this.programName = nz(b.programName);
            this.appName = b.appName == null ? "-" : b.appName;
            this.procId = b.procId == null ? "-" : b.procId;
        }
        this.msgId = b.msgId == null ? "-" : b.msgId;
        this.protocolVersion = b.protocolVersion == null ? "0" : b.protocolVersion;
        this.structuredData = b.structuredData == null ? "-" : b.structuredData;
        this.raw = b.raw == null ? new byte[0] : b.raw;
        this.rawAfterPri = Math.max(0, Math.min(b.rawAfterPri, this.raw.length));
        this.msgOffset = b.msgOffset >= 0 && b.msgOffset <= this.raw.length ? b.msgOffset : -1;
        this.msg = this.msgOffset >= 0 ? b.msg : nz(b.msg);
        this.inputName = nz(b.inputName);
        this.source = b.source;
        this.sourcetype = b.sourcetype;
        this.index = b.index;
        this.fields = b.fields == null || b.fields.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** When Vigil received it (rsyslog's timegenerated). */
    public Instant received() { return received; }
    /** The sender's own timestamp as written (rsyslog's timereported); the received time when absent. */
    public SyslogTime reported() { return reported; }
    /** HOSTNAME: the sender's claim, or fromhost when the message has none. */
    public String hostname() { return hostname; }
    /** The peer's resolved name (rsyslog's fromhost). */
    public String fromHost() { return fromHost; }
    /** The peer's address (rsyslog's fromhost-ip). */
    public String fromHostIp() { return fromHostIp; }
    /** PRI value, {@link #PRI_INVALID} when unparsable. */
    public int pri() { return pri; }
    /** Facility code 0..23, or 24 (invld). */
    public int facility() { return pri >> 3; }
    /** Severity code 0..7. */
    public int severity() { return pri & 7; }
    /** rsyslog's syslogtag. */
    public String syslogTag() { return syslogTag; }
    /** rsyslog's programname. */
    public String programName() {
        String p = programName;
        if (p == null) {
            p = programName = programNameOf(syslogTag);
        }
        return p;
    }
    /** RFC 5424 APP-NAME (rsyslog's app-name). */
    public String appName() {
        String a = appName;
        if (a == null) {
            String p = programName();
            a = appName = p.isEmpty() ? "-" : p;
        }
        return a;
    }
    /** RFC 5424 PROCID. */
    public String procId() {
        String p = procId;
        if (p == null) {
            p = procId = procIdOf(syslogTag);
        }
        return p;
    }

    /**
     * rsyslog msg.c aquireProgramName: the TAG up to the first '[', ':', '/' or byte that is not printable
     * ASCII. On the decoded tag: ASCII bytes are the same characters, every other byte or sequence a
     * character of 0x80 or more, so the prefix is the same as on the bytes.
     */
    private static String programNameOf(String tag) {
        int i = 0;
        while (i < tag.length()) {
            char ch = tag.charAt(i);
            if (ch < 0x20 || ch >= 0x7f || ch == ':' || ch == '[' || ch == '/') {
                break;
            }
            i++;
        }
        return tag.substring(0, i);
    }

    /** rsyslog's PROCID emulation for legacy messages: what stands between the first '[' and ']' of the TAG. */
    private static String procIdOf(String tag) {
        int open = tag.indexOf('[');
        int close = open < 0 ? -1 : tag.indexOf(']', open + 1);
        return close < 0 ? "-" : tag.substring(open + 1, close);
    }
    /** RFC 5424 MSGID. */
    public String msgId() { return msgId; }
    /** "1" for RFC 5424, "0" otherwise. */
    public String protocolVersion() { return protocolVersion; }
    /** RFC 5424 STRUCTURED-DATA as received, "-" when none. */
    public String structuredData() { return structuredData; }
    /** rsyslog's msg (for RFC 3164 it keeps the leading space). */
    public String msg() {
        String m = msg;
        if (m == null) {
            m = dev.vigil.core.syslog.SyslogText.decode(raw, msgOffset, raw.length - msgOffset);
            msg = m;
        }
        return m;
    }
    /** The frame's bytes, control characters escaped as rsyslog stores rawmsg. Do not modify. */
    public byte[] raw() { return raw; }
    /** Offset in {@link #raw()} where the part after PRI begins. */
    public int rawAfterPri() { return rawAfterPri; }
    /**
     * Where {@link #msg()} starts in {@link #raw()} when the message text is exactly the rest of the raw
     * bytes (as parsed from the wire), else -1. Lets outputs copy the text as bytes.
     */
    public int msgOffset() { return msgOffset; }
    /** Name of the input that received it (rsyslog's inputname). */
    public String inputName() { return inputName; }
    /** Splunk's source, or null. */
    public String source() { return source; }
    /** Splunk's sourcetype, or null. */
    public String sourcetype() { return sourcetype; }
    /** Target index name, or null for the default. */
    public String index() { return index; }
    /** Extracted fields, in extraction order. */
    public Map<String, Object> fields() { return fields; }

    /** rsyslog's rawmsg as a string (bytes that are not UTF-8 kept losslessly, see SyslogText). */
    public String rawString() {
        return dev.vigil.core.syslog.SyslogText.decode(raw);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.received = received; b.reported = reported; b.hostname = hostname; b.fromHost = fromHost;
        b.fromHostIp = fromHostIp; b.pri = pri; b.syslogTag = syslogTag; b.programName = programName();
        b.appName = appName(); b.procId = procId(); b.msgId = msgId; b.protocolVersion = protocolVersion;
        b.structuredData = structuredData; b.msg = msg(); b.raw = raw; b.rawAfterPri = rawAfterPri;
        b.msgOffset = msgOffset;
        b.inputName = inputName; b.source = source; b.sourcetype = sourcetype; b.index = index;
        b.fields = fields.isEmpty() ? null : new LinkedHashMap<>(fields);
        return b;
    }

    @Override
    public String toString() {
        return "Event{" + hostname + " " + Facility.name(facility()) + "." + Severity.name(severity()) + " "
                + syslogTag + msg() + "}";
    }

    /** Mutable builder; fields left unset take rsyslog's defaults ("-" for RFC 5424 nil fields). */
    public static final class Builder {
        private Instant received = Instant.EPOCH;
        private SyslogTime reported;
        private String hostname;
        private String fromHost;
        private String fromHostIp;
        private int pri = 13;
        private String syslogTag;
        private String programName;
        private String appName;
        private String procId;
        private String msgId;
        private String protocolVersion;
        private String structuredData;
        private String msg;
        private byte[] raw;
        private int rawAfterPri;
        private int msgOffset = -1;
        private String inputName;
        private String source;
        private String sourcetype;
        private String index;
        private Map<String, Object> fields;
        private boolean derivedFromTag;

        public Builder received(Instant v) { received = v; return this; }
        public Builder reported(SyslogTime v) { reported = v; return this; }
        public Builder hostname(String v) { hostname = v; return this; }
        public Builder fromHost(String v) { fromHost = v; return this; }
        public Builder fromHostIp(String v) { fromHostIp = v; return this; }
        public Builder pri(int v) { pri = v; return this; }
        public Builder syslogTag(String v) { syslogTag = v; return this; }
        public Builder programName(String v) { programName = v; return this; }
        public Builder appName(String v) { appName = v; return this; }
        public Builder procId(String v) { procId = v; return this; }
        public Builder msgId(String v) { msgId = v; return this; }
        public Builder protocolVersion(String v) { protocolVersion = v; return this; }
        public Builder structuredData(String v) { structuredData = v; return this; }
        public Builder msg(String v) { msg = v; msgOffset = -1; return this; }
        /** Sets the message as the raw bytes from {@code offset} to the end (decoded with SyslogText). */
        public Builder msgFromRaw(int offset) {
            msg = null; // decoded on first use
            msgOffset = offset;
            return this;
        }
        /**
         * programname, app-name and procid are rsyslog's derivations from the syslogtag (RFC 3164
         * messages), computed on first use unless set explicitly.
         */
        public Builder derivedFromTag() { derivedFromTag = true; return this; }
        public Builder raw(byte[] v) { raw = v; return this; }
        public Builder rawAfterPri(int v) { rawAfterPri = v; return this; }
        public Builder inputName(String v) { inputName = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder sourcetype(String v) { sourcetype = v; return this; }
        public Builder index(String v) { index = v; return this; }
        public Builder field(String name, Object value) {
            if (fields == null) {
                fields = new LinkedHashMap<>();
            }
            fields.put(name, value);
            return this;
        }
        public Builder fields(Map<String, Object> v) { fields = v == null ? null : new LinkedHashMap<>(v); return this; }

        public Event build() {
            return new Event(this);
        }
    }
}

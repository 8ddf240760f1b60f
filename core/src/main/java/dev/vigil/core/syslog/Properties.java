package dev.vigil.core.syslog;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.Facility;
import dev.vigil.core.event.Severity;
import dev.vigil.core.event.SyslogTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * rsyslog's message properties by name (rsyslog.conf's {@code %name%}, {@code $name},
 * {@code property(name="...")}): the one place that says what "hostname" or "pri-text" is.
 */
public final class Properties {
    /** The property names {@code vigil parse} prints, in rsyslog's order. */
    public static final List<String> PARSE_OUTPUT = List.of("hostname", "fromhost", "fromhost-ip", "syslogtag",
            "programname", "app-name", "procid", "msgid", "protocol-version", "pri", "pri-text", "syslogfacility",
            "syslogfacility-text", "syslogseverity", "syslogseverity-text", "timereported", "timereported-3164",
            "timegenerated", "structured-data", "msg", "rawmsg", "rawmsg-after-pri", "inputname");

    private Properties() {
    }

    /** Canonical (lower-case) name of a property or its alias, or null when rsyslog has no such property. */
    public static String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("$!") || n.startsWith("$.") || n.startsWith("$/")) {
            return n;
        }
        switch (n) {
            case "source": return "hostname";
            case "timestamp": return "timereported";
            case "syslogpriority": return "syslogseverity";
            case "syslogpriority-text": return "syslogseverity-text";
            case "programname": case "hostname": case "fromhost": case "fromhost-ip": case "syslogtag":
            case "app-name": case "procid": case "msgid": case "protocol-version": case "pri": case "pri-text":
            case "iut": case "syslogfacility": case "syslogfacility-text": case "syslogseverity":
            case "syslogseverity-text": case "timereported": case "timegenerated": case "structured-data":
            case "msg": case "rawmsg": case "rawmsg-after-pri": case "inputname": case "$now": case "$year":
            case "$month": case "$day": case "$hour": case "$hhour": case "$qhour": case "$minute":
            case "$now-utc": case "$year-utc": case "$month-utc": case "$day-utc": case "$hour-utc":
            case "$minute-utc": case "$myhostname": case "$bom": case "$uptime": case "$now-unixtimestamp":
            case "$wday": case "$wday-utc": case "$!": case "jsonmesg": case "uuid": case "$.": case "$/":
                return n;
            default:
                return null;
        }
    }

    /** The value of a canonical property (see {@link #canonical}); unknown names give "". */
    public static String get(Event e, String name) {
        switch (name) {
            case "msg": return e.msg();
            case "hostname": return e.hostname();
            case "fromhost": return e.fromHost();
            case "fromhost-ip": return e.fromHostIp();
            case "syslogtag": return e.syslogTag();
            case "programname": return e.programName();
            case "app-name": return e.appName();
            case "procid": return e.procId();
            case "msgid": return e.msgId();
            case "protocol-version": return e.protocolVersion();
            case "pri": return e.pri() > SyslogParser.MAX_PRI ? "invld" : Integer.toString(e.pri());
            case "pri-text": return Facility.name(e.facility()) + "." + Severity.name(e.severity());
            case "iut": return "1";
            case "syslogfacility": return e.facility() > 23 ? "invld" : Integer.toString(e.facility());
            case "syslogfacility-text": return Facility.name(e.facility());
            case "syslogseverity": return Integer.toString(e.severity());
            case "syslogseverity-text": return Severity.name(e.severity());
            case "timereported": return TimeFormats.rfc3164(reported(e));
            case "timegenerated": return TimeFormats.rfc3164(generated(e));
            case "structured-data": return e.structuredData();
            case "rawmsg": return SyslogText.decode(e.raw());
            case "rawmsg-after-pri":
                return SyslogText.decode(e.raw(), e.rawAfterPri(), e.raw().length - e.rawAfterPri());
            case "inputname": return e.inputName();
            case "$bom": return "\uFEFF";
            default: return "";
        }
    }

    /** The sender's timestamp, or the reception time when it had none. */
    public static SyslogTime reported(Event e) {
        SyslogTime t = e.reported();
        return t != null ? t : generated(e);
    }

    /** The reception time in the local zone, microsecond precision. */
    public static SyslogTime generated(Event e) {
        ZoneOffset off = java.time.ZoneId.systemDefault().getRules().getOffset(e.received());
        return SyslogTime.ofInstant(e.received(), off);
    }
}

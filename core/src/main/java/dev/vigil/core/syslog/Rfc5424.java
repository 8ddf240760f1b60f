package dev.vigil.core.syslog;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;

/** RFC 5424 §6 header parsing as rsyslog's pmrfc5424 does it, leniencies and all. */
final class Rfc5424 {
    private Rfc5424() {
    }

    /** Parses after "1 " (the cursor is at the version). */
    static void parse(Cursor c, Event.Builder b, SyslogParser.Origin origin, SyslogTime rcvd) {
        c.pos += 2;
        b.protocolVersion("1");
        boolean cont = true;
        if (c.remaining() >= 2 && c.at(0) == '-' && c.at(1) == ' ') {
            c.pos += 2; // NILVALUE timestamp: keep the reception time
        } else {
            SyslogTime t = TimestampParser.parse3339(c);
            if (t == null) {
                cont = false;
            } else {
                b.reported(t);
            }
        }
        if (!cont) {
            // rsyslog stops here: no header fields, MSG is everything after the version.
            b.hostname(origin.fromHost()).appName("").syslogTag("").programName("");
            b.msgFromRaw(c.pos);
            return;
        }
        String host = field(c);
        String app = field(c);
        String procId = field(c);
        String msgId = field(c);
        String sd = structuredData(c);
        b.hostname(host).appName(app).procId(procId).msgId(msgId).structuredData(sd);
        String tag = "-".equals(procId) ? app : app + "[" + procId + "]";
        b.syslogTag(tag);
        byte[] tagBytes = SyslogText.encode(tag);
        b.programName(SyslogParser.programName(tagBytes, 0, tagBytes.length));
        b.msgFromRaw(c.pos);
    }

    /** rsyslog parseRFCField: up to the next space, which is eaten when present. */
    private static String field(Cursor c) {
        int start = c.pos;
        while (c.remaining() > 0 && c.cur() != ' ') {
            c.pos++;
        }
        String v = SyslogText.decode(c.buf, start, c.pos - start);
        if (c.remaining() > 0) {
            c.pos++;
        }
        return v;
    }

    /**
     * rsyslog parseRFCStructuredData: "-", or from '[' to the first "] " (an escaped "\]" does not end it).
     * Malformed data runs to one byte before the end, exactly as rsyslog's loop does.
     */
    private static String structuredData(Cursor c) {
        if (c.remaining() == 0 || (c.cur() != '[' && c.cur() != '-')) {
            return "";
        }
        int start = c.pos;
        if (c.cur() == '-') {
            c.pos++;
        } else {
            while (true) {
                if (c.remaining() < 2) {
                    if (c.remaining() > 0 && c.cur() == ']') {
                        c.pos++;
                    }
                    break;
                } else if (c.cur() == '\\' && c.at(1) == ']') {
                    c.pos += 2;
                } else if (c.cur() == ']' && c.at(1) == ' ') {
                    c.pos++;
                    break;
                } else {
                    c.pos++;
                }
            }
        }
        String sd = SyslogText.decode(c.buf, start, c.pos - start);
        if (c.remaining() > 0 && c.cur() == ' ') {
            c.pos++;
        }
        return sd;
    }
}

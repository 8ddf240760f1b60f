package dev.vigil.core.syslog;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Turns one received frame into an {@link Event} exactly as rsyslog 8.2302 does with its default
 * parser chain (rsyslog.rfc5424, then rsyslog.rfc3164): sanitising, PRI, then the header.
 * Thread-safe; allocation is limited to the property strings.
 */
public final class SyslogParser {
    /** RFC 3164 §4.1.1 / rsyslog DEFUPRI: user.notice when a message carries no PRI. */
    static final int DEFAULT_PRI = 13;
    /** RFC 5424 §6.2.1: the largest valid PRI (local7.debug). */
    static final int MAX_PRI = 191;
    /** rsyslog CONF_HOSTNAME_MAXSIZE - 1. */
    private static final int HOSTNAME_MAX = 511;
    /** rsyslog CONF_TAG_MAXSIZE - 2. */
    private static final int TAG_MAX = 510;

    private final ParserOptions options;
    private final ZoneId zone;

    public SyslogParser(ParserOptions options, ZoneId zone) {
        this.options = options;
        this.zone = zone;
    }

    public SyslogParser() {
        this(ParserOptions.DEFAULTS, ZoneId.systemDefault());
    }

    public ParserOptions options() {
        return options;
    }

    /** The reception context of a frame: who sent it, when, through which input. */
    public record Origin(Instant received, String fromHost, String fromHostIp, String inputName) {
    }

    /**
     * Parses {@code len} bytes of {@code frame} at {@code off}. Returns null for a frame that is empty
     * after sanitising (rsyslog submits nothing for it).
     */
    public Event parse(byte[] frame, int off, int len, Origin origin) {
        byte[] raw = Sanitizer.sanitize(frame, off, len, options);
        if (raw.length == 0) {
            return null;
        }
        SyslogTime rcvd = receptionTime(origin.received());
        Event.Builder b = Event.builder()
                .received(origin.received())
                .fromHost(origin.fromHost())
                .fromHostIp(origin.fromHostIp())
                .inputName(origin.inputName())
                .raw(raw)
                .reported(rcvd);
        // PRI (rsyslog parser.c ParsePRI)
        int pri = DEFAULT_PRI;
        int p = 0;
        if (raw[0] == '<') {
            pri = 0;
            int i = 1;
            while (i < raw.length && Cursor.isDigit(raw[i]) && pri <= MAX_PRI) {
                pri = pri * 10 + (raw[i] - '0');
                i++;
            }
            if (i < raw.length && raw[i] == '>') {
                p = i + 1;
            } else {
                pri = Event.PRI_INVALID;
            }
            if (pri > MAX_PRI) {
                pri = Event.PRI_INVALID;
            }
        }
        b.pri(pri).rawAfterPri(afterPriOffset(raw));
        if (pri == Event.PRI_INVALID) {
            // rsyslog parses no header at all: the whole line is the message.
            return b.hostname(origin.fromHost()).msgFromRaw(0).build();
        }
        Cursor c = new Cursor(raw, p, raw.length);
        if (c.remaining() >= 2 && c.at(0) == '1' && c.at(1) == ' ') {
            Rfc5424.parse(c, b, origin, rcvd);
        } else {
            parse3164(c, b, origin, rcvd);
        }
        return b.build();
    }

    /** The last second converted to wall-clock fields; date arithmetic once per second, not per message. */
    private record Second(long epochSecond, SyslogTime base) {
    }

    private volatile Second lastSecond = new Second(Long.MIN_VALUE, null);

    /** The last reception time converted: an input stamps every frame of one read with the same Instant. */
    private record Reception(Instant instant, SyslogTime time) {
    }

    private volatile Reception lastReception = new Reception(null, null);

    private SyslogTime receptionTime(Instant t) {
        Reception r = lastReception;
        if (r.instant() != t) {
            r = new Reception(t, convert(t));
            lastReception = r;
        }
        return r.time();
    }

    private SyslogTime convert(Instant t) {
        long sec = t.getEpochSecond();
        Second cached = lastSecond;
        if (cached.epochSecond() != sec) {
            ZoneOffset offset = zone.getRules().getOffset(t);
            cached = new Second(sec, SyslogTime.ofInstant(Instant.ofEpochSecond(sec), offset));
            lastSecond = cached;
        }
        SyslogTime b = cached.base();
        return new SyslogTime(b.year(), b.month(), b.day(), b.hour(), b.minute(), b.second(), t.getNano() / 1000, 6,
                b.offsetSeconds(), false);
    }

    /** rsyslog's rawmsg-after-pri: skips a {@code <...>} of 1 to 3 characters, else nothing. */
    static int afterPriOffset(byte[] raw) {
        if (raw.length > 0 && raw[0] == '<') {
            for (int j = 2; j <= 4 && j < raw.length; j++) {
                if (raw[j] == '>') {
                    return j + 1;
                }
            }
        }
        return 0;
    }

    /** rsyslog pmrfc3164.c: timestamp, HOSTNAME unless it does not look like one, TAG, MSG. */
    private static void parse3164(Cursor c, Event.Builder b, Origin origin, SyslogTime rcvd) {
        if (c.remaining() > 0 && (c.cur() == '{' || c.cur() == '[')) {
            // A headerless JSON or bracketed payload right after PRI: rsyslog parses no header from it
            // (corpus case bytes/headerless-json-or-bracket).
            b.hostname(origin.fromHost()).syslogTag("").programName("").appName("-");
            b.msgFromRaw(c.pos);
            return;
        }
        SyslogTime t = TimestampParser.parse3339(c);
        if (t == null) {
            t = TimestampParser.parse3164(c, rcvd);
        }
        if (t == null && c.cur() == ' ' && c.remaining() > 1) {
            c.pos++; // HP ProCurve: a space before the timestamp
            t = TimestampParser.parse3164(c, rcvd);
            if (t == null) {
                c.pos--;
            }
        }
        if (t != null) {
            b.reported(t);
        }
        String hostname = origin.fromHost();
        if (c.remaining() > 0) {
            int i = 0;
            int n = c.remaining();
            while (i < n && i < HOSTNAME_MAX && isHostnameChar(c.at(i))) {
                i++;
            }
            if (i == n) {
                hostname = SyslogText.decode(c.buf, c.pos, i);
                c.pos += i;
            } else if (i > 0 && c.at(i) == ' ' && Cursor.isAlnum(c.at(i - 1))) {
                hostname = SyslogText.decode(c.buf, c.pos, i);
                c.pos += i + 1;
            }
        }
        b.hostname(hostname);
        int start = c.pos;
        int i = 0;
        while (c.remaining() > 0 && c.cur() != ':' && c.cur() != ' ' && i < TAG_MAX) {
            c.pos++;
            i++;
        }
        if (c.remaining() > 0 && c.cur() == ':') {
            c.pos++;
        }
        b.syslogTag(SyslogText.decode(c.buf, start, c.pos - start));
        // programname, app-name (programname or "-") and procid (between '[' and ']') come from the tag,
        // when something uses them
        b.derivedFromTag();
        b.msgFromRaw(c.pos);
    }

    private static boolean isHostnameChar(int ch) {
        return Cursor.isAlnum(ch) || ch == '.' || ch == '_' || ch == '-';
    }

    /** rsyslog msg.c aquireProgramName: the TAG up to the first '[', ':', '/' or non-printable byte. */
    static String programName(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int ch = b[i] & 0xff;
            if (ch < 0x20 || ch >= 0x7f || ch == ':' || ch == '[' || ch == '/') {
                break;
            }
            i++;
        }
        return SyslogText.decode(b, start, i - start);
    }
}

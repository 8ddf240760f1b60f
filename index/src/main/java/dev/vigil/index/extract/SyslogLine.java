package dev.vigil.index.extract;

import java.time.Instant;

/**
 * One syslog line as it sits in a file or arrives on the wire: RFC 3164 ({@code Oct 11 22:14:15 host
 * tag[pid]: msg}), rsyslog's high-precision file format (RFC 3339 timestamp first), or RFC 5424,
 * with or without {@code <PRI>}. Parsed by hand: this runs on every indexed syslog event.
 *
 * @param time the timestamp (year-less RFC 3164 times take the current year, local zone)
 * @param host HOSTNAME
 * @param process the tag's program part (Splunk's {@code process}), or null
 * @param pid the tag's pid, or null
 * @param message the text after the tag
 */
record SyslogLine(Instant time, String host, String process, String pid, String message) {

    /** The last line parsed by this thread: detection and extraction parse the same text one after the other. */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    /** The parsed line, or null when it is not syslog. */
    static SyslogLine parse(String s) {
        Object[] last = LAST.get();
        if (last[0] == s) {
            return (SyslogLine) last[1];
        }
        SyslogLine line = parseNew(s);
        last[0] = s;
        last[1] = line;
        return line;
    }

    private static SyslogLine parseNew(String s) {
        int i = 0;
        int n = s.length();
        if (n > 0 && s.charAt(0) == '<') {
            int close = s.indexOf('>');
            if (close < 2 || close > 4 || Times.digits(s, 1, close) < 0) {
                return null;
            }
            i = close + 1;
        }
        if (i + 2 < n && s.charAt(i) == '1' && s.charAt(i + 1) == ' ') {
            return rfc5424(s, i + 2);
        }
        Instant time;
        int end;
        int month = Times.month(s, i);
        if (month > 0) {
            // "Oct 11 22:14:15" or "Oct  1 22:14:15" (RFC 3164 §4.1.2)
            if (i + 15 > n || s.charAt(i + 3) != ' ') {
                return null;
            }
            int day = s.charAt(i + 4) == ' ' ? Times.digits(s, i + 5, i + 6) : Times.digits(s, i + 4, i + 6);
            int h = Times.digits(s, i + 7, i + 9);
            int m = Times.digits(s, i + 10, i + 12);
            int sec = Times.digits(s, i + 13, i + 15);
            if (day < 1 || h < 0 || m < 0 || sec < 0 || s.charAt(i + 9) != ':' || s.charAt(i + 12) != ':') {
                return null;
            }
            time = Times.local(Times.currentYear(), month, day, h, m, Math.min(sec, 59), 0);
            end = i + 15;
        } else if (i + 19 <= n && s.charAt(i + 4) == '-' && s.charAt(i + 10) == 'T') {
            int sp = s.indexOf(' ', i);
            if (sp < 0) {
                return null;
            }
            time = Times.iso(s.substring(i, sp));
            end = sp;
        } else {
            return null;
        }
        if (time == null || end >= n || s.charAt(end) != ' ') {
            return null;
        }
        int hs = end + 1;
        int he = s.indexOf(' ', hs);
        if (he <= hs) {
            return null;
        }
        String host = s.substring(hs, he);
        return withTag(time, host, s, he + 1);
    }

    private static SyslogLine withTag(Instant time, String host, String s, int from) {
        int n = s.length();
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ':' || c == '[' || c == ' ') {
                break;
            }
            i++;
        }
        if (i >= n || i == from) {
            return new SyslogLine(time, host, null, null, s.substring(Math.min(from, n)));
        }
        String process = s.substring(from, i);
        String pid = null;
        if (s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            if (close < 0) {
                return new SyslogLine(time, host, null, null, s.substring(from));
            }
            pid = s.substring(i + 1, close);
            i = close + 1;
        }
        if (i < n && s.charAt(i) == ':') {
            i++;
        } else if (pid == null) {
            // no colon: not a tag after all, the message starts here
            return new SyslogLine(time, host, null, null, s.substring(from));
        }
        if (i < n && s.charAt(i) == ' ') {
            i++;
        }
        return new SyslogLine(time, host, process, pid, s.substring(i));
    }

    /** RFC 5424 §6: VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]. */
    private static SyslogLine rfc5424(String s, int from) {
        String[] parts = new String[5];
        int i = from;
        for (int k = 0; k < 5; k++) {
            int sp = s.indexOf(' ', i);
            if (sp < 0) {
                return null;
            }
            parts[k] = s.substring(i, sp);
            i = sp + 1;
        }
        Instant time = parts[0].equals("-") ? null : Times.iso(parts[0]);
        // skip structured data: "-" or one or more [..] elements, honouring \] escapes (RFC 5424 §6.3.5)
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        } else {
            while (i < s.length() && s.charAt(i) == '[') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != ']') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            }
        }
        if (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        String msg = i < s.length() ? s.substring(i) : "";
        if (msg.startsWith("\uFEFF")) {
            msg = msg.substring(1); // RFC 5424 §6.4 BOM
        }
        return new SyslogLine(time, nil(parts[1]), nil(parts[2]), nil(parts[3]), msg);
    }

    private static String nil(String v) {
        return v.equals("-") ? null : v;
    }
}

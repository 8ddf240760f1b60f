package dev.vigil.core.syslog;

import dev.vigil.core.event.SyslogTime;

/**
 * Timestamp parsing exactly as rsyslog 8.2302's datetime.c does it, including the liberties it takes
 * (unpadded RFC 3339 fields, one-digit days, a year in place of the hour, a trailing colon).
 */
final class TimestampParser {
    private TimestampParser() {
    }

    /**
     * RFC 5424 §6.2.3 / RFC 3339 timestamp. On success advances the cursor past the timestamp and one
     * following space and returns the time; on failure leaves the cursor unchanged and returns null.
     */
    static SyslogTime parse3339(Cursor in) {
        Cursor c = in.copy();
        int year = c.parseInt();
        if (c.remaining() == 0 || c.buf[c.pos++] != '-' || year < 0 || year >= 2100) {
            return null;
        }
        int month = c.parseInt();
        if (month < 1 || month > 12 || c.remaining() == 0 || c.buf[c.pos++] != '-') {
            return null;
        }
        int day = c.parseInt();
        if (day < 1 || day > 31 || c.remaining() == 0 || c.buf[c.pos++] != 'T') {
            return null;
        }
        int hour = c.parseInt();
        Hms hms = minutesSecondsFraction(c, hour);
        if (hms == null) {
            return null;
        }
        int precision = hms.precision();
        if (c.remaining() == 0) {
            return null;
        }
        int offset;
        boolean zulu = false;
        int z = c.cur();
        if (z == 'Z') {
            c.pos++;
            offset = 0;
            zulu = true;
        } else if (z == '+' || z == '-') {
            c.pos++;
            int oh = c.parseInt();
            if (oh > 23 || c.remaining() == 0 || c.cur() != ':') {
                return null;
            }
            c.pos++;
            int om = c.parseInt();
            if (om > 59) {
                return null;
            }
            offset = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        if (c.remaining() > 0) {
            if (c.cur() != ' ') {
                return null;
            }
            c.pos++;
        }
        if (precision > 9) {
            // rsyslog keeps at most 9 digits in a 32-bit int; beyond that its output is garbage. Keep 9.
            precision = 9;
        }
        in.pos = c.pos;
        return new SyslogTime(year, month, day, hour, hms.minute(), hms.second(), hms.fraction(), precision, offset,
                zulu);
    }

    /**
     * RFC 3164 §4.1.2 timestamp ("Mmm dd hh:mm:ss"). The year and zone come from {@code base} (the
     * reception time) unless the sender wrote a year. Same cursor contract as {@link #parse3339}.
     */
    static SyslogTime parse3164(Cursor in, SyslogTime base) {
        Cursor c = in.copy();
        int year = 0;
        // A year in front of the month ("2021 Feb  5 07:08:09"), as some devices send.
        if (c.remaining() > 5 && Cursor.isDigit(c.at(0)) && Cursor.isDigit(c.at(1)) && Cursor.isDigit(c.at(2))
                && Cursor.isDigit(c.at(3)) && c.at(4) == ' ') {
            int y = c.parseInt();
            if (y > 1970 && y < 2100) {
                year = y;
                c.pos++;
            } else {
                return null;
            }
        }
        if (c.remaining() < 3) {
            return null;
        }
        int month = month(c.at(0), c.at(1), c.at(2));
        if (month == 0) {
            return null;
        }
        c.pos += 3;
        if (c.remaining() == 0 || c.buf[c.pos++] != ' ') {
            return null;
        }
        if (c.cur() == ' ') {
            c.pos++;
        }
        int day = c.parseInt();
        if (day < 1 || day > 31 || c.remaining() == 0 || c.buf[c.pos++] != ' ') {
            return null;
        }
        int hour = c.parseInt();
        if (hour > 1970 && hour < 2100) {
            // a year where the hour should be (Cisco): re-read the hour after it
            year = hour;
            if (c.remaining() == 0 || c.buf[c.pos++] != ' ') {
                return null;
            }
            hour = c.parseInt();
        }
        Hms hms = minutesSecondsFraction(c, hour);
        if (hms == null) {
            return null;
        }
        if (c.remaining() > 0 && c.cur() == ':') {
            c.pos++; // a stray colon after the time (Cisco), tolerated
        }
        if (c.remaining() > 0) {
            if (c.cur() != ' ') {
                return null;
            }
            c.pos++;
        }
        in.pos = c.pos;
        return new SyslogTime(year > 0 ? year : base.year(), month, day, hour, hms.minute(), hms.second(),
                hms.fraction(), Math.min(9, hms.precision()), base.offsetSeconds(), false);
    }

    /** Minutes, seconds (60 allowed: RFC 5424 §6.2.3.1 leap second) and an optional fraction. */
    private record Hms(int minute, int second, int fraction, int precision) {
    }

    /** After the hour (already read, checked here): ":mm:ss[.fraction]", rsyslog's checks. */
    private static Hms minutesSecondsFraction(Cursor c, int hour) {
        if (hour > 23 || c.remaining() == 0 || c.buf[c.pos++] != ':') {
            return null;
        }
        int minute = c.parseInt();
        if (minute > 59 || c.remaining() == 0 || c.buf[c.pos++] != ':') {
            return null;
        }
        int second = c.parseInt();
        if (second > 60) {
            return null;
        }
        int frac = 0;
        int precision = 0;
        if (c.remaining() > 0 && c.cur() == '.') {
            c.pos++;
            int start = c.pos;
            frac = c.parseInt();
            precision = c.pos - start;
        }
        return new Hms(minute, second, frac, precision);
    }

    private static int month(int a, int b, int c) {
        a |= 0x20;
        b |= 0x20;
        c |= 0x20;
        switch (a) {
            case 'j':
                if (b == 'a' && c == 'n') return 1;
                if (b == 'u' && c == 'n') return 6;
                if (b == 'u' && c == 'l') return 7;
                return 0;
            case 'f': return b == 'e' && c == 'b' ? 2 : 0;
            case 'm':
                if (b == 'a' && c == 'r') return 3;
                if (b == 'a' && c == 'y') return 5;
                return 0;
            case 'a':
                if (b == 'p' && c == 'r') return 4;
                if (b == 'u' && c == 'g') return 8;
                return 0;
            case 's': return b == 'e' && c == 'p' ? 9 : 0;
            case 'o': return b == 'c' && c == 't' ? 10 : 0;
            case 'n': return b == 'o' && c == 'v' ? 11 : 0;
            case 'd': return b == 'e' && c == 'c' ? 12 : 0;
            default: return 0;
        }
    }
}

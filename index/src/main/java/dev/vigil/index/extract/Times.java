package dev.vigil.index.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Timestamp parsing shared by the extractors: month names, ISO 8601, epoch numbers. */
final class Times {
    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static volatile long yearCheckedAt;
    private static volatile int currentYear;
    private static volatile ZoneId zone = ZoneId.systemDefault();

    private Times() {
    }

    /** 1..12 for a three-letter English month name (any case) at {@code s[i..i+3)}, else 0. */
    static int month(CharSequence s, int i) {
        if (i + 3 > s.length()) {
            return 0;
        }
        char a = lower(s.charAt(i));
        char b = lower(s.charAt(i + 1));
        char c = lower(s.charAt(i + 2));
        for (int m = 0; m < 12; m++) {
            if (MONTHS.charAt(3 * m) == a && MONTHS.charAt(3 * m + 1) == b && MONTHS.charAt(3 * m + 2) == c) {
                return m + 1;
            }
        }
        return 0;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Digits at {@code s[from..to)} as a number, or -1 when any is not a digit. */
    static int digits(CharSequence s, int from, int to) {
        if (to > s.length() || from >= to) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The current year in the local zone, as rsyslog and Splunk give year-less timestamps. */
    static int currentYear() {
        long now = System.currentTimeMillis();
        if (now - yearCheckedAt > 60_000) {
            zone = ZoneId.systemDefault();
            currentYear = LocalDate.now(zone).getYear();
            yearCheckedAt = now;
        }
        return currentYear;
    }

    /** The system zone (TZ), re-read with the year: {@code ZoneId.systemDefault()} copies a TimeZone per call. */
    static ZoneId zone() {
        currentYear();
        return zone;
    }

    /** A local wall-clock time in the system zone (TZ), or null when impossible. */
    static Instant local(int year, int month, int day, int h, int m, int s, int nanos) {
        try {
            return LocalDateTime.of(year, month, day, h, m, s, nanos).atZone(zone()).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** ISO 8601 / RFC 3339 ({@code T} or space, optional fraction, {@code Z} or offset; none = UTC), or null. */
    static Instant iso(String s) {
        if (s == null || s.length() < 19 || s.length() > 40) {
            return null;
        }
        String t = s.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** ISO 8601 date and time ({@code T} or space) without an offset, read in the system zone (TZ); or null. */
    static Instant localIso(String s) {
        if (s == null || s.length() < 19 || s.length() > 40) {
            return null;
        }
        try {
            return LocalDateTime.parse(s.trim().replace(' ', 'T')).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Epoch seconds (or milliseconds when the value is too large for seconds), or null. */
    static Instant epoch(String s) {
        if (s == null || s.isEmpty() || s.length() > 24) {
            return null;
        }
        try {
            double d = Double.parseDouble(s);
            if (Double.isNaN(d) || d < 0) {
                return null;
            }
            if (d > 1e11) {
                d /= 1000.0; // milliseconds
            }
            long sec = (long) d;
            long micros = Math.round((d - sec) * 1e6);
            return Instant.ofEpochSecond(sec, micros * 1000);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** ISO or epoch, whichever the text is. */
    static Instant any(String s) {
        Instant t = epoch(s);
        return t != null ? t : iso(s);
    }
}

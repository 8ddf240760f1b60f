package dev.vigil.search.time;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Resolves Splunk time modifiers (earliest=/latest=, relative_time()) to epoch seconds: {@code now},
 * {@code 0}, epoch numbers, {@code %m/%d/%Y:%H:%M:%S}, and chains of {@code [+-]N unit} offsets with
 * at most one {@code @unit} snap ({@code -7d@w1}, {@code @d+8h}). Snapping rounds down in the search
 * time zone, as Splunk does.
 */
public final class RelativeTime {
    private static final DateTimeFormatter ABSOLUTE =
            DateTimeFormatter.ofPattern("M/d/uuuu:H:m:s", Locale.ROOT);

    private RelativeTime() {}

    /**
     * Epoch seconds for a modifier, relative to {@code now}.
     *
     * @throws IllegalArgumentException naming the modifier and what was expected
     */
    public static double resolve(String spec, Instant now, ZoneId zone) {
        String s = spec.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("empty time modifier");
        if (s.equalsIgnoreCase("now") || s.equalsIgnoreCase("rt")) return now.toEpochMilli() / 1000.0;
        if (s.matches("\\d+(\\.\\d+)?")) return Double.parseDouble(s);
        if (Character.isDigit(s.charAt(0)) && s.indexOf('/') > 0) {
            try {
                return LocalDateTime.parse(s, ABSOLUTE).atZone(zone).toEpochSecond();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("invalid absolute time '" + spec
                        + "': expected %m/%d/%Y:%H:%M:%S");
            }
        }
        ZonedDateTime t = ZonedDateTime.ofInstant(now, zone);
        int i = 0;
        boolean snapped = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '@') {
                if (snapped) throw new IllegalArgumentException("time modifier '" + spec + "' snaps twice");
                snapped = true;
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) j++;
                String unit = s.substring(i + 1, j);
                int k = j;
                while (k < s.length() && Character.isDigit(s.charAt(k))) k++;
                Integer weekday = k > j ? Integer.parseInt(s.substring(j, k)) : null;
                t = snap(t, unit(unit, spec), weekday, spec);
                i = k;
            } else if (c == '+' || c == '-') {
                int j = i + 1;
                while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
                long n = j > i + 1 ? Long.parseLong(s.substring(i + 1, j)) : 1;
                int k = j;
                while (k < s.length() && Character.isLetter(s.charAt(k))) k++;
                if (k == j) throw new IllegalArgumentException("time modifier '" + spec
                        + "' lacks a unit after " + s.substring(i, j) + ": expected s, m, h, d, w, mon, q or y");
                t = plus(t, c == '-' ? -n : n, unit(s.substring(j, k), spec));
                i = k;
            } else {
                throw new IllegalArgumentException("invalid time modifier '" + spec + "' at '"
                        + s.substring(i) + "': expected now, an epoch time, %m/%d/%Y:%H:%M:%S, [+-]N<unit> or @<unit>");
            }
        }
        return t.toInstant().toEpochMilli() / 1000.0;
    }

    /** Canonical unit names: s, m, h, d, w, mon, q, y. */
    static String unit(String u, String spec) {
        switch (u.toLowerCase(Locale.ROOT)) {
            case "s": case "sec": case "secs": case "second": case "seconds": return "s";
            case "m": case "min": case "mins": case "minute": case "minutes": return "m";
            case "h": case "hr": case "hrs": case "hour": case "hours": return "h";
            case "d": case "day": case "days": return "d";
            case "w": case "week": case "weeks": return "w";
            case "mon": case "month": case "months": return "mon";
            case "q": case "qtr": case "qtrs": case "quarter": case "quarters": return "q";
            case "y": case "yr": case "yrs": case "year": case "years": return "y";
            default: throw new IllegalArgumentException("unknown time unit '" + u + "' in '" + spec
                    + "': expected s, m, h, d, w, mon, q or y");
        }
    }

    static ZonedDateTime plus(ZonedDateTime t, long n, String unit) {
        switch (unit) {
            case "s": return t.plusSeconds(n);
            case "m": return t.plusMinutes(n);
            case "h": return t.plusHours(n);
            case "d": return t.plusDays(n);
            case "w": return t.plusWeeks(n);
            case "mon": return t.plusMonths(n);
            case "q": return t.plusMonths(3 * n);
            default: return t.plusYears(n);
        }
    }

    static ZonedDateTime snap(ZonedDateTime t, String unit, Integer weekday, String spec) {
        switch (unit) {
            case "s": return t.truncatedTo(ChronoUnit.SECONDS);
            case "m": return t.truncatedTo(ChronoUnit.MINUTES);
            case "h": return t.truncatedTo(ChronoUnit.HOURS);
            case "d": return t.truncatedTo(ChronoUnit.DAYS);
            case "w": {
                int w = weekday == null ? 0 : weekday;
                if (w < 0 || w > 7) throw new IllegalArgumentException("invalid week day in '" + spec
                        + "': expected @w0 (Sunday) to @w7");
                DayOfWeek dow = w == 0 || w == 7 ? DayOfWeek.SUNDAY : DayOfWeek.of(w);
                return t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(dow));
            }
            case "mon": return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "q": {
                ZonedDateTime d = t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                return d.withMonth(((d.getMonthValue() - 1) / 3) * 3 + 1);
            }
            default: return t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
        }
    }

    /** Seconds in a fixed-length span like {@code 1h}, {@code 30m}, {@code 2d}; months/years are approximated. */
    public static long spanSeconds(String span) {
        String s = span.trim();
        int j = 0;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        long n = j == 0 ? 1 : Long.parseLong(s.substring(0, j));
        if (j == s.length()) return n;
        switch (unit(s.substring(j), span)) {
            case "s": return n;
            case "m": return n * 60;
            case "h": return n * 3600;
            case "d": return n * 86400;
            case "w": return n * 7 * 86400;
            case "mon": return n * 30 * 86400;
            case "q": return n * 90 * 86400;
            default: return n * 365 * 86400;
        }
    }

    /** The canonical unit of a span ("s", "m", "h", "d", "w", "mon", "q", "y"), seconds when none is written. */
    public static String spanUnit(String span) {
        String s = span.trim();
        int j = 0;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        return j == s.length() ? "s" : unit(s.substring(j), span);
    }
}

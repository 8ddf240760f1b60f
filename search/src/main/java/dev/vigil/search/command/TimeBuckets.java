package dev.vigil.search.command;

import dev.vigil.search.time.RelativeTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Aligns times to spans the way Splunk's bin/timechart do: seconds, minutes and hours on multiples of the
 * span in the search time zone; days at local midnight; months at the first of the month.
 */
final class TimeBuckets {
    /** Spans timechart/bin choose from when only bins= is given (Splunk's auto spans). */
    static final String[] AUTO_SPANS = {"1s", "5s", "10s", "30s", "1m", "5m", "10m", "30m", "1h", "1d", "1mon"};

    private final String unit;
    private final long n;
    private final long seconds;
    private final ZoneId zone;

    TimeBuckets(String span, ZoneId zone) {
        this.unit = RelativeTime.spanUnit(span);
        this.seconds = RelativeTime.spanSeconds(span);
        this.zone = zone;
        String s = span.trim();
        int j = 0;
        while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
        this.n = j == 0 ? 1 : Long.parseLong(s.substring(0, j));
        if (seconds <= 0) throw new IllegalArgumentException("span must be positive: " + span);
    }

    long seconds() { return seconds; }

    /** Start of the bucket holding epoch second {@code t}. */
    double floor(double t) {
        long sec = (long) Math.floor(t);
        switch (unit) {
            case "s": case "m": case "h": {
                long off = zone.getRules().getOffset(Instant.ofEpochSecond(sec)).getTotalSeconds();
                return Math.floorDiv(sec + off, seconds) * seconds - off;
            }
            case "d": case "w": {
                ZonedDateTime d = ZonedDateTime.ofInstant(Instant.ofEpochSecond(sec), zone).truncatedTo(ChronoUnit.DAYS);
                long days = d.toLocalDate().toEpochDay();
                long per = unit.equals("d") ? n : 7 * n;
                return d.minusDays(Math.floorMod(days, per)).toEpochSecond();
            }
            default: {
                ZonedDateTime d = ZonedDateTime.ofInstant(Instant.ofEpochSecond(sec), zone)
                        .truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                long months = unit.equals("y") ? 12 * n : unit.equals("q") ? 3 * n : n;
                long idx = d.getYear() * 12L + d.getMonthValue() - 1;
                return d.minusMonths(Math.floorMod(idx, months)).toEpochSecond();
            }
        }
    }

    /** The start of the bucket after the one starting at {@code start}. */
    double next(double start) {
        switch (unit) {
            case "s": case "m": case "h": return start + seconds;
            case "d": return ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) start), zone).plusDays(n).toEpochSecond();
            case "w": return ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) start), zone).plusWeeks(n).toEpochSecond();
            case "mon": return ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) start), zone).plusMonths(n).toEpochSecond();
            case "q": return ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) start), zone).plusMonths(3 * n).toEpochSecond();
            default: return ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) start), zone).plusYears(n).toEpochSecond();
        }
    }

    /** The next auto span coarser than {@code seconds}, or null past the largest. */
    static String coarser(long seconds) {
        for (String s : AUTO_SPANS) if (RelativeTime.spanSeconds(s) > seconds) return s;
        return null;
    }

    /** The smallest auto span giving at most {@code bins} buckets over [from, to). */
    static String autoSpan(double from, double to, int bins) {
        double width = Math.max(1, to - from);
        for (String s : AUTO_SPANS) if (width / RelativeTime.spanSeconds(s) <= bins) return s;
        return "1mon";
    }
}

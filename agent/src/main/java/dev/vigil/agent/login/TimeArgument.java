package dev.vigil.agent.login;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time arguments of {@code last -s/-t/-p} (util-linux parse_timestamp), the commonly used subset:
 * "YYYY-MM-DD[ hh:mm[:ss]]", "hh:mm[:ss]" (today), "now", "today", "yesterday", "tomorrow",
 * and "+N unit"/"-N unit" / "N unit ago" with units s, min, h, d, w (and their long names).
 */
public final class TimeArgument {
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[ ](\\d{2}):(\\d{2})(?::(\\d{2}))?)?");
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern REL = Pattern.compile("([+-]?)(\\d+)\\s*([a-z]+)(\\s+ago)?");

    private TimeArgument() {
    }

    /**
     * @return epoch seconds
     * @throws IllegalArgumentException naming the text when it is not a time last accepts here
     */
    public static long parse(String text, long now, ZoneId zone) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        LocalDate today = java.time.Instant.ofEpochSecond(now).atZone(zone).toLocalDate();
        switch (s) {
            case "now":
                return now;
            case "today":
                return today.atStartOfDay(zone).toEpochSecond();
            case "yesterday":
                return today.minusDays(1).atStartOfDay(zone).toEpochSecond();
            case "tomorrow":
                return today.plusDays(1).atStartOfDay(zone).toEpochSecond();
            default:
                break;
        }
        try {
            Matcher m = DATE.matcher(s);
            if (m.matches()) {
                LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return t.atZone(zone).toEpochSecond();
            }
            m = TIME.matcher(s);
            if (m.matches()) {
                LocalTime t = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                return today.atTime(t).atZone(zone).toEpochSecond();
            }
            m = REL.matcher(s);
            if (m.matches()) {
                long n = Long.parseLong(m.group(2)) * unit(m.group(3));
                boolean minus = m.group(1).equals("-") || m.group(4) != null;
                return minus ? now - n : now + n;
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid time value \"" + text + "\"", e);
        }
        throw new IllegalArgumentException("invalid time value \"" + text + "\"");
    }

    private static long unit(String u) {
        return switch (u) {
            case "s", "sec", "secs", "second", "seconds" -> 1;
            case "m", "min", "mins", "minute", "minutes" -> 60;
            case "h", "hr", "hour", "hours" -> 3600;
            case "d", "day", "days" -> 86400;
            case "w", "week", "weeks" -> 7 * 86400;
            default -> throw new IllegalArgumentException("unknown time unit " + u);
        };
    }
}

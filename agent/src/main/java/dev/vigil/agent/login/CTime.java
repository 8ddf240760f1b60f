package dev.vigil.agent.login;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** The C library's time renderings that {@code last}, {@code lastlog} and {@code lastcomm} print, in the C locale. */
public final class CTime {
    private CTime() {
    }

    /** {@code ctime(3)} without the newline: "Thu Nov  5 09:04:01 2026". */
    public static String ctime(long epochSecond, ZoneId zone) {
        ZonedDateTime t = at(epochSecond, zone);
        return String.format(Locale.ROOT, "%s %s%3d %02d:%02d:%02d %d", day(t), month(t), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getYear());
    }

    /** "HH:MM". */
    public static String hhmm(long epochSecond, ZoneId zone) {
        ZonedDateTime t = at(epochSecond, zone);
        return String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    }

    /** util-linux's ISO_TIMESTAMP_T: "2026-11-05T09:04:01+01:00". */
    public static String iso(long epochSecond, ZoneId zone) {
        ZonedDateTime t = at(epochSecond, zone);
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d%s", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), offset(t, true));
    }

    /** {@code strftime "%a %b %e %H:%M:%S %z %Y"}, as shadow's lastlog prints. */
    public static String lastlog(long epochSecond, ZoneId zone) {
        ZonedDateTime t = at(epochSecond, zone);
        return String.format(Locale.ROOT, "%s %s %2d %02d:%02d:%02d %s %d", day(t), month(t), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), offset(t, false), t.getYear());
    }

    static ZonedDateTime at(long epochSecond, ZoneId zone) {
        return Instant.ofEpochSecond(epochSecond).atZone(zone);
    }

    static String day(ZonedDateTime t) {
        return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    static String month(ZonedDateTime t) {
        return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    static String offset(ZonedDateTime t, boolean colon) {
        int s = t.getOffset().getTotalSeconds();
        int a = Math.abs(s) / 60;
        return String.format(Locale.ROOT, colon ? "%s%02d:%02d" : "%s%02d%02d", s < 0 ? "-" : "+", a / 60, a % 60);
    }
}

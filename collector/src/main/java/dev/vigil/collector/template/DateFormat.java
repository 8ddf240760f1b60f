package dev.vigil.collector.template;

import dev.vigil.core.event.SyslogTime;
import dev.vigil.core.syslog.TimeFormats;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/** The property replacer's {@code date-*} options. */
public enum DateFormat {
    DEFAULT, MYSQL, PGSQL, RFC3164, RFC3164_BUGGYDAY, RFC3339, SUBSECONDS, UNIXTIMESTAMP, YEAR, MONTH, DAY, HOUR,
    MINUTE, SECOND, TZOFFSHOUR, TZOFFSMIN, TZOFFSDIRECTION, ORDINAL, WEEK, WDAY, WDAYNAME;

    /** The option name without its "date-" prefix, or null when it is not a date option. */
    public static DateFormat ofOption(String opt) {
        switch (opt) {
            case "date-mysql": return MYSQL;
            case "date-pgsql": return PGSQL;
            case "date-rfc3164": return RFC3164;
            case "date-rfc3164-buggyday": return RFC3164_BUGGYDAY;
            case "date-rfc3339": return RFC3339;
            case "date-subseconds": return SUBSECONDS;
            case "date-unixtimestamp": return UNIXTIMESTAMP;
            case "date-year": return YEAR;
            case "date-month": return MONTH;
            case "date-day": return DAY;
            case "date-hour": return HOUR;
            case "date-minute": return MINUTE;
            case "date-second": return SECOND;
            case "date-tzoffshour": return TZOFFSHOUR;
            case "date-tzoffsmin": return TZOFFSMIN;
            case "date-tzoffsdirection": return TZOFFSDIRECTION;
            case "date-ordinal": return ORDINAL;
            case "date-week": return WEEK;
            case "date-wday": return WDAY;
            case "date-wdayname": return WDAYNAME;
            default: return null;
        }
    }

    /** Formats {@code t}; {@code utc} converts it to UTC first (option date-utc). */
    public String format(SyslogTime t, boolean utc) {
        if (utc && t.offsetSeconds() != 0) {
            t = SyslogTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
            t = new SyslogTime(t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second(), t.fraction(),
                    t.precision(), 0, false);
        }
        switch (this) {
            case MYSQL: return TimeFormats.mysql(t);
            case PGSQL: return TimeFormats.pgsql(t);
            case RFC3339: return TimeFormats.rfc3339(t);
            case RFC3164_BUGGYDAY: return TimeFormats.rfc3164BuggyDay(t);
            case SUBSECONDS: return TimeFormats.subseconds(t);
            case UNIXTIMESTAMP: return TimeFormats.unixTimestamp(t);
            case YEAR: return pad(t.year(), 4);
            case MONTH: return pad(t.month(), 2);
            case DAY: return pad(t.day(), 2);
            case HOUR: return pad(t.hour(), 2);
            case MINUTE: return pad(t.minute(), 2);
            case SECOND: return pad(t.second(), 2);
            case TZOFFSHOUR: return pad(Math.abs(t.offsetSeconds()) / 3600, 2);
            case TZOFFSMIN: return pad((Math.abs(t.offsetSeconds()) % 3600) / 60, 2);
            case TZOFFSDIRECTION: return t.offsetSeconds() < 0 ? "-" : "+";
            case ORDINAL: return pad(date(t).getDayOfYear(), 3);
            case WEEK: return pad(date(t).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
            case WDAY: return Integer.toString(date(t).getDayOfWeek().getValue() % 7);
            case WDAYNAME: {
                String n = date(t).getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
                return n;
            }
            default: return TimeFormats.rfc3164(t);
        }
    }

    private static LocalDate date(SyslogTime t) {
        try {
            return LocalDate.of(t.year(), t.month(), t.day());
        } catch (java.time.DateTimeException e) {
            return LocalDate.of(t.year(), t.month(), 1).plusDays(t.day() - 1L);
        }
    }

    private static String pad(int v, int w) {
        String s = Integer.toString(v);
        return s.length() >= w ? s : "0".repeat(w - s.length()) + s;
    }

}

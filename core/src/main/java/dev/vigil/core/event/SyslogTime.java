package dev.vigil.core.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A timestamp as a syslog sender wrote it: the wall-clock fields, the fraction with its precision
 * (number of digits, 0 = none), and the UTC offset. Keeping precision and offset lets every template
 * print the time exactly as rsyslog would (RFC 3339 keeps the sender's digits and zone).
 *
 * @param year four-digit year
 * @param month 1..12
 * @param day 1..31
 * @param hour 0..23
 * @param minute 0..59
 * @param second 0..60 (60 = leap second, RFC 5424 §6.2.3 allows it)
 * @param fraction fractional second as an integer with {@code precision} digits
 * @param precision number of fractional digits, 0..9
 * @param offsetSeconds offset from UTC in seconds
 * @param zulu true when the sender wrote {@code Z} rather than a numeric offset
 */
public record SyslogTime(int year, int month, int day, int hour, int minute, int second,
                         int fraction, int precision, int offsetSeconds, boolean zulu) {

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000, 1_000_000_000};

    /** The instant this wall-clock time denotes (a leap second counts as :59.999...). */
    public Instant toInstant() {
        int sec = Math.min(second, 59);
        LocalDateTime ldt;
        try {
            ldt = LocalDateTime.of(year, month, day, hour, minute, sec);
        } catch (java.time.DateTimeException e) {
            // rsyslog accepts impossible dates such as Feb 30; roll them forward as mktime() does.
            ldt = LocalDateTime.of(year, month, 1, hour, minute, sec).plusDays(day - 1L);
        }
        long nanos = precision == 0 ? 0 : (long) fraction * (1_000_000_000L / POW10[precision]);
        return ldt.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds)).plusNanos(nanos);
    }

    /** Microseconds of the fraction, truncated or padded from the sender's precision. */
    public int micros() {
        if (precision == 0) {
            return 0;
        }
        return precision >= 6 ? fraction / POW10[precision - 6] : fraction * POW10[6 - precision];
    }

    /** The given instant in the given zone, with microsecond precision, as rsyslog stamps received messages. */
    public static SyslogTime ofInstant(Instant t, ZoneOffset zone) {
        LocalDateTime l = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, zone);
        int micros = t.getNano() / 1000;
        return new SyslogTime(l.getYear(), l.getMonthValue(), l.getDayOfMonth(), l.getHour(), l.getMinute(),
                l.getSecond(), micros, 6, zone.getTotalSeconds(), false);
    }
}

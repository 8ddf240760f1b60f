package dev.vigil.core.syslog;

import dev.vigil.core.event.SyslogTime;

/**
 * rsyslog's date formats (the property replacer's date-* options), printed from the sender's own fields
 * so an impossible date such as Feb 30 prints as received, exactly as rsyslog prints it.
 */
public final class TimeFormats {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private TimeFormats() {
    }

    /** date-rfc3339: {@code 2025-03-03T08:15:02.123+00:00}, the sender's fraction digits, Z kept. */
    public static String rfc3339(SyslogTime t) {
        StringBuilder sb = new StringBuilder(32);
        date(sb, t, '-');
        sb.append('T');
        time(sb, t);
        if (t.precision() > 0) {
            sb.append('.');
            pad(sb, t.fraction(), t.precision());
        }
        offset(sb, t, true);
        return sb.toString();
    }

    /** Longest RFC 3339 rendering: 26 characters plus nine fraction digits. */
    public static final int RFC3339_MAX = 36;

    /**
     * {@link #rfc3339(SyslogTime)} written as ASCII into {@code out} at {@code off} (at least
     * {@link #RFC3339_MAX} bytes free); returns the number of bytes written. No allocation.
     */
    public static int rfc3339(SyslogTime t, byte[] out, int off) {
        int p = off;
        p = digits(out, p, t.year(), 4);
        out[p++] = '-';
        p = digits(out, p, t.month(), 2);
        out[p++] = '-';
        p = digits(out, p, t.day(), 2);
        out[p++] = 'T';
        p = digits(out, p, t.hour(), 2);
        out[p++] = ':';
        p = digits(out, p, t.minute(), 2);
        out[p++] = ':';
        p = digits(out, p, t.second(), 2);
        if (t.precision() > 0) {
            out[p++] = '.';
            p = digits(out, p, t.fraction(), t.precision());
        }
        if (t.zulu()) {
            out[p++] = 'Z';
        } else {
            int o = t.offsetSeconds();
            out[p++] = (byte) (o < 0 ? '-' : '+');
            o = Math.abs(o);
            p = digits(out, p, o / 3600, 2);
            out[p++] = ':';
            p = digits(out, p, (o % 3600) / 60, 2);
        }
        return p - off;
    }

    private static int digits(byte[] out, int p, int v, int width) {
        if (v < 0 || (width < 10 && v >= POW10[width])) {
            byte[] s = Integer.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = s.length; i < width; i++) {
                out[p++] = '0';
            }
            System.arraycopy(s, 0, out, p, s.length);
            return p + s.length;
        }
        for (int i = width - 1; i >= 0; i--) {
            out[p + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return p + width;
    }

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000};

    /** date-rfc3164: {@code Mar  3 08:15:02}. */
    public static String rfc3164(SyslogTime t) {
        StringBuilder sb = new StringBuilder(16);
        sb.append(MONTHS[Math.max(0, Math.min(11, t.month() - 1))]).append(' ');
        if (t.day() < 10) {
            sb.append(' ');
        }
        sb.append(t.day()).append(' ');
        time(sb, t);
        return sb.toString();
    }

    /** Room {@link #rfc3164(SyslogTime, byte[], int)} needs at most (a day or hour out of range included). */
    public static final int RFC3164_MAX = 64;

    /**
     * {@link #rfc3164(SyslogTime)} written as ASCII into {@code out} at {@code off} (at least
     * {@link #RFC3164_MAX} bytes free); returns the number of bytes written. No allocation.
     */
    public static int rfc3164(SyslogTime t, byte[] out, int off) {
        String m = MONTHS[Math.max(0, Math.min(11, t.month() - 1))];
        int p = off;
        out[p++] = (byte) m.charAt(0);
        out[p++] = (byte) m.charAt(1);
        out[p++] = (byte) m.charAt(2);
        out[p++] = ' ';
        int day = t.day();
        if (day >= 0 && day < 10) {
            out[p++] = ' ';
            out[p++] = (byte) ('0' + day);
        } else {
            p = digits(out, p, day, day < 100 ? 2 : 1);
        }
        out[p++] = ' ';
        p = digits(out, p, t.hour(), 2);
        out[p++] = ':';
        p = digits(out, p, t.minute(), 2);
        out[p++] = ':';
        return digits(out, p, t.second(), 2) - off;
    }

    /** date-rfc3164-buggyday: the day zero-padded. */
    public static String rfc3164BuggyDay(SyslogTime t) {
        StringBuilder sb = new StringBuilder(16);
        sb.append(MONTHS[Math.max(0, Math.min(11, t.month() - 1))]).append(' ');
        pad(sb, t.day(), 2);
        sb.append(' ');
        time(sb, t);
        return sb.toString();
    }

    /** date-mysql: {@code 20250303081502}. */
    public static String mysql(SyslogTime t) {
        StringBuilder sb = new StringBuilder(14);
        pad(sb, t.year(), 4);
        pad(sb, t.month(), 2);
        pad(sb, t.day(), 2);
        pad(sb, t.hour(), 2);
        pad(sb, t.minute(), 2);
        pad(sb, t.second(), 2);
        return sb.toString();
    }

    /** date-pgsql: {@code 2025-03-03 08:15:02}. */
    public static String pgsql(SyslogTime t) {
        StringBuilder sb = new StringBuilder(19);
        date(sb, t, '-');
        sb.append(' ');
        time(sb, t);
        return sb.toString();
    }

    /** date-unixtimestamp: seconds since the epoch. */
    public static String unixTimestamp(SyslogTime t) {
        return Long.toString(t.toInstant().getEpochSecond());
    }

    /** date-subseconds: the fraction digits as received. */
    public static String subseconds(SyslogTime t) {
        if (t.precision() == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        pad(sb, t.fraction(), t.precision());
        return sb.toString();
    }

    private static void date(StringBuilder sb, SyslogTime t, char sep) {
        pad(sb, t.year(), 4);
        sb.append(sep);
        pad(sb, t.month(), 2);
        sb.append(sep);
        pad(sb, t.day(), 2);
    }

    private static void time(StringBuilder sb, SyslogTime t) {
        pad(sb, t.hour(), 2);
        sb.append(':');
        pad(sb, t.minute(), 2);
        sb.append(':');
        pad(sb, t.second(), 2);
    }

    /** Appends the zone as {@code Z} or {@code +hh:mm}. */
    static void offset(StringBuilder sb, SyslogTime t, boolean allowZ) {
        if (allowZ && t.zulu()) {
            sb.append('Z');
            return;
        }
        int o = t.offsetSeconds();
        sb.append(o < 0 ? '-' : '+');
        o = Math.abs(o);
        pad(sb, o / 3600, 2);
        sb.append(':');
        pad(sb, (o % 3600) / 60, 2);
    }

    static void pad(StringBuilder sb, int v, int width) {
        if (v >= 0 && width <= 9) {
            // digits straight into the builder: no String per field on the hot path
            int start = sb.length();
            for (int i = 0; i < width; i++) {
                sb.append('0');
            }
            int pos = sb.length() - 1;
            while (v > 0 && pos >= start) {
                sb.setCharAt(pos--, (char) ('0' + v % 10));
                v /= 10;
            }
            if (v > 0) {
                sb.insert(start, v);
            }
            return;
        }
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}

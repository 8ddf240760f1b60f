package dev.vigil.search.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Splunk's strftime/strptime (C library conversions plus Splunk's {@code %N}/{@code %3N}/{@code %Q}
 * subseconds). Times are epoch seconds as doubles; zone is the search time zone.
 */
public final class TimeFormat {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec"};

    private TimeFormat() {}

    /** Formats epoch seconds like C strftime with Splunk's extensions. */
    public static String strftime(double epoch, String fmt, ZoneId zone) {
        long millis = Math.round(epoch * 1000);
        ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
        long nanos = t.getNano();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                b.append(c);
                continue;
            }
            char f = fmt.charAt(++i);
            int digits = -1;
            if (Character.isDigit(f) && i + 1 < fmt.length()) {
                digits = f - '0';
                f = fmt.charAt(++i);
            }
            switch (f) {
                case 'Y': b.append(t.getYear()); break;
                case 'y': pad(b, t.getYear() % 100, 2); break;
                case 'm': pad(b, t.getMonthValue(), 2); break;
                case 'd': pad(b, t.getDayOfMonth(), 2); break;
                case 'e': b.append(t.getDayOfMonth() < 10 ? " " : "").append(t.getDayOfMonth()); break;
                case 'H': pad(b, t.getHour(), 2); break;
                case 'k': b.append(t.getHour() < 10 ? " " : "").append(t.getHour()); break;
                case 'I': pad(b, (t.getHour() + 11) % 12 + 1, 2); break;
                case 'l': { int h = (t.getHour() + 11) % 12 + 1; b.append(h < 10 ? " " : "").append(h); break; }
                case 'M': pad(b, t.getMinute(), 2); break;
                case 'S': pad(b, t.getSecond(), 2); break;
                case 'p': b.append(t.getHour() < 12 ? "AM" : "PM"); break;
                case 'b': case 'h': b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US)); break;
                case 'B': b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.US)); break;
                case 'a': b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US)); break;
                case 'A': b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US)); break;
                case 'j': pad(b, t.getDayOfYear(), 3); break;
                case 'w': b.append(t.getDayOfWeek().getValue() % 7); break;
                case 'u': b.append(t.getDayOfWeek().getValue()); break;
                case 'Z': b.append(t.getZone().getDisplayName(TextStyle.SHORT, Locale.US).equals("Z") ? "UTC"
                        : zoneAbbrev(t)); break;
                case 'z': b.append(offset(t, false)); break;
                case ':': if (i + 1 < fmt.length() && fmt.charAt(i + 1) == 'z') { i++; b.append(offset(t, true)); }
                          break;
                case 's': b.append(Math.floorDiv(millis, 1000)); break;
                case 'T': b.append(strftime(epoch, "%H:%M:%S", zone)); break;
                case 'F': b.append(strftime(epoch, "%Y-%m-%d", zone)); break;
                case 'D': b.append(strftime(epoch, "%m/%d/%y", zone)); break;
                case 'R': b.append(strftime(epoch, "%H:%M", zone)); break;
                case 'c': b.append(strftime(epoch, "%a %b %e %H:%M:%S %Y", zone)); break;
                case 'x': b.append(strftime(epoch, "%m/%d/%y", zone)); break;
                case 'X': b.append(strftime(epoch, "%H:%M:%S", zone)); break;
                case 'N': { int n = digits < 0 ? 9 : Math.min(digits, 9); pad(b, nanos / pow10(9 - n), n); break; }
                case 'Q': { int n = digits < 0 ? 3 : Math.min(digits, 9); pad(b, nanos / pow10(9 - n), n); break; }
                case 'f': pad(b, nanos / 1000, 6); break;
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case '%': b.append('%'); break;
                default: b.append('%').append(f);
            }
        }
        return b.toString();
    }

    private static String zoneAbbrev(ZonedDateTime t) {
        String n = t.getZone().getDisplayName(TextStyle.SHORT, Locale.US);
        if (t.getZone() instanceof ZoneOffset) return n.equals("Z") ? "UTC" : n;
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.US);
        return t.format(f);
    }

    private static String offset(ZonedDateTime t, boolean colon) {
        int secs = t.getOffset().getTotalSeconds();
        char sign = secs < 0 ? '-' : '+';
        secs = Math.abs(secs);
        String hh = String.format(Locale.ROOT, "%02d", secs / 3600), mm = String.format(Locale.ROOT, "%02d", secs / 60 % 60);
        return sign + hh + (colon ? ":" : "") + mm;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }

    private static void pad(StringBuilder b, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) b.append('0');
        b.append(s);
    }

    /**
     * Parses {@code text} with a strftime format; returns epoch seconds or null when it does not fit
     * (Splunk's strptime returns null then). Fields absent from the format default to 1970-01-01 00:00:00.
     */
    public static Double strptime(String text, String fmt, ZoneId zone) {
        int[] v = {1970, 1, 1, 0, 0, 0};
        long nanos = 0;
        Integer pm = null;
        ZoneId z = zone;
        Double epoch = null;
        int ti = 0;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                if (Character.isWhitespace(c)) {
                    while (ti < text.length() && Character.isWhitespace(text.charAt(ti))) ti++;
                    continue;
                }
                if (ti >= text.length() || text.charAt(ti) != c) return null;
                ti++;
                continue;
            }
            char f = fmt.charAt(++i);
            int digits = -1;
            if (Character.isDigit(f) && i + 1 < fmt.length()) {
                digits = f - '0';
                f = fmt.charAt(++i);
            }
            int[] r;
            switch (f) {
                case 'Y': r = num(text, ti, 4); if (r == null) return null; v[0] = r[0]; ti = r[1]; break;
                case 'y': r = num(text, ti, 2); if (r == null) return null; v[0] = r[0] < 69 ? 2000 + r[0] : 1900 + r[0]; ti = r[1]; break;
                case 'm': r = num(text, ti, 2); if (r == null) return null; v[1] = r[0]; ti = r[1]; break;
                case 'd': case 'e':
                    while (ti < text.length() && text.charAt(ti) == ' ') ti++;
                    r = num(text, ti, 2); if (r == null) return null; v[2] = r[0]; ti = r[1]; break;
                case 'H': case 'k': case 'I': case 'l':
                    while (ti < text.length() && text.charAt(ti) == ' ') ti++;
                    r = num(text, ti, 2); if (r == null) return null; v[3] = r[0]; ti = r[1]; break;
                case 'M': r = num(text, ti, 2); if (r == null) return null; v[4] = r[0]; ti = r[1]; break;
                case 'S': r = num(text, ti, 2); if (r == null) return null; v[5] = r[0]; ti = r[1]; break;
                case 'j': r = num(text, ti, 3); if (r == null) return null; v[1] = 1; v[2] = r[0]; ti = r[1];
                          { LocalDate d = LocalDate.ofYearDay(v[0], r[0]); v[1] = d.getMonthValue(); v[2] = d.getDayOfMonth(); }
                          break;
                case 'p': {
                    if (ti + 2 > text.length()) return null;
                    String ap = text.substring(ti, ti + 2).toUpperCase(Locale.ROOT);
                    if (!ap.equals("AM") && !ap.equals("PM")) return null;
                    pm = ap.equals("PM") ? 1 : 0;
                    ti += 2;
                    break;
                }
                case 'b': case 'B': case 'h': {
                    int m = -1;
                    for (int k = 0; k < 12 && m < 0; k++) {
                        if (text.regionMatches(true, ti, MONTHS[k], 0, 3)) m = k;
                    }
                    if (m < 0) return null;
                    v[1] = m + 1;
                    ti += 3;
                    while (ti < text.length() && Character.isLetter(text.charAt(ti))) ti++;
                    break;
                }
                case 'a': case 'A':
                    while (ti < text.length() && Character.isLetter(text.charAt(ti))) ti++;
                    break;
                case 'N': case 'Q': case 'f': {
                    int n = digits < 0 ? (f == 'f' ? 6 : f == 'Q' ? 3 : 9) : digits;
                    r = num(text, ti, n);
                    if (r == null) return null;
                    int got = r[1] - ti;
                    nanos = r[0] * pow10(9 - got);
                    ti = r[1];
                    break;
                }
                case 's': {
                    int j = ti;
                    while (j < text.length() && Character.isDigit(text.charAt(j))) j++;
                    if (j == ti) return null;
                    epoch = Double.parseDouble(text.substring(ti, j));
                    ti = j;
                    break;
                }
                case 'z': case 'Z': case ':': {
                    if (f == ':') i++;
                    int j = ti;
                    while (j < text.length() && !Character.isWhitespace(text.charAt(j))) j++;
                    String zs = text.substring(ti, j);
                    try {
                        z = zs.equalsIgnoreCase("UTC") || zs.equalsIgnoreCase("GMT") || zs.equals("Z")
                                ? ZoneOffset.UTC : zs.matches("[+-]\\d\\d:?\\d\\d")
                                ? ZoneOffset.of(zs.length() == 5 ? zs.substring(0, 3) + ":" + zs.substring(3) : zs)
                                : ZoneId.of(zs, ZoneId.SHORT_IDS);
                    } catch (RuntimeException e) {
                        return null;
                    }
                    ti = j;
                    break;
                }
                case 'T': { Double t = sub(text, ti, "%H:%M:%S"); if (t == null) return null;
                            r = hms(text, ti); v[3] = r[0]; v[4] = r[1]; v[5] = r[2]; ti += 8; break; }
                case '%': if (ti >= text.length() || text.charAt(ti) != '%') return null; ti++; break;
                default: return null;
            }
        }
        if (epoch != null) return epoch;
        if (pm != null) v[3] = v[3] % 12 + (pm == 1 ? 12 : 0);
        try {
            LocalDateTime ldt = LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5]);
            return ldt.atZone(z).toEpochSecond() + nanos / 1e9;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Double sub(String text, int at, String fmt) {
        return text.length() >= at + 8 && text.charAt(at + 2) == ':' && text.charAt(at + 5) == ':' ? 0.0 : null;
    }

    private static int[] hms(String text, int at) {
        return new int[]{Integer.parseInt(text.substring(at, at + 2)), Integer.parseInt(text.substring(at + 3, at + 5)),
                Integer.parseInt(text.substring(at + 6, at + 8))};
    }

    /** Reads 1..max digits: {value, nextIndex}, or null when there is no digit. */
    private static int[] num(String text, int at, int max) {
        int j = at;
        while (j < text.length() && j - at < max && Character.isDigit(text.charAt(j))) j++;
        if (j == at) return null;
        return new int[]{Integer.parseInt(text.substring(at, j)), j};
    }
}

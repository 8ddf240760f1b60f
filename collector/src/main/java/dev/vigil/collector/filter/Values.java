package dev.vigil.collector.filter;

/**
 * rsyslog's value conversions in RainerScript: strings become numbers by their leading digits
 * ({@code es_str2num}), numbers print in decimal, and comparisons are numeric when one side is a
 * number and the other converts completely, otherwise by string.
 */
public final class Values {
    private Values() {
    }

    /** The string value of {@code v}. */
    public static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] a) {
            return String.join(",", a);
        }
        return String.valueOf(v);
    }

    /** The number value (leading optional '-' and digits; 0 when none). */
    public static long num(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        String s = str(v);
        long n = 0;
        int i = 0;
        boolean neg = false;
        if (!s.isEmpty() && s.charAt(0) == '-') {
            neg = true;
            i = 1;
        }
        for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return neg ? -n : n;
    }

    /** True when the whole string is a decimal number. */
    static boolean isNumber(String s) {
        int i = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        if (i >= s.length() || s.length() > 19) {
            return false;
        }
        for (; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** C-locale case conversion, as rsyslog's tolower()/toupper(): ASCII letters only. */
    public static String ascii(String s, boolean upper) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char d = upper && c >= 'a' && c <= 'z' ? (char) (c - 32) : !upper && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (d != c && sb == null) {
                sb = new StringBuilder(s);
            }
            if (sb != null) {
                sb.setCharAt(i, d);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Truth of a value: a non-zero number. */
    public static boolean truth(Object v) {
        return num(v) != 0;
    }

    /** rsyslog's comparison: negative, zero or positive. */
    public static int compare(Object l, Object r) {
        if (l instanceof Long a) {
            if (r instanceof Long b) {
                return Long.compare(a, b);
            }
            String rs = str(r);
            return isNumber(rs) ? Long.compare(a, num(rs)) : Long.toString(a).compareTo(rs);
        }
        String ls = str(l);
        if (r instanceof Long b) {
            return isNumber(ls) ? Long.compare(num(ls), b) : ls.compareTo(Long.toString(b));
        }
        return ls.compareTo(str(r));
    }
}

package dev.vigil.search.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Splunk's value rules. A field value is {@code null} (absent), a {@link String}, a {@link Double},
 * a {@link Boolean} (only inside eval), or a {@link List} of those (a multivalue field). Strings that
 * look like numbers act as numbers wherever Splunk treats them so (comparisons, arithmetic, sorting).
 */
public final class Values {
    private Values() {}

    /** The number a value stands for, or null when it is not numeric. Multivalue: the first value. */
    public static Double toNumber(Object v) {
        if (v == null) return null;
        if (v instanceof Double d) return d;
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof List<?> l) return l.isEmpty() ? null : toNumber(l.get(0));
        if (v instanceof String s) return parseNumber(s);
        return null;
    }

    /** Parses a decimal number (optionally signed, with exponent) or returns null; no hex, no spaces. */
    public static Double parseNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 64) return null;
        int i = 0;
        char c = s.charAt(0);
        if (c == '+' || c == '-') i++;
        boolean digits = false, dot = false;
        for (; i < n; i++) {
            c = s.charAt(i);
            if (c >= '0' && c <= '9') digits = true;
            else if (c == '.' && !dot) dot = true;
            else if ((c == 'e' || c == 'E') && digits && i + 1 < n) {
                int j = i + 1;
                if (s.charAt(j) == '+' || s.charAt(j) == '-') j++;
                if (j >= n) return null;
                for (; j < n; j++) if (s.charAt(j) < '0' || s.charAt(j) > '9') return null;
                break;
            } else return null;
        }
        if (!digits) return null;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when the value is a number or a numeric string. */
    public static boolean isNumeric(Object v) {
        return toNumber(v) != null;
    }

    /** The string form Splunk shows: integers without ".0", multivalue as the first value. */
    public static String toStr(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return s;
        if (v instanceof Double d) return formatNumber(d);
        if (v instanceof Number n) return formatNumber(n.doubleValue());
        if (v instanceof Boolean b) return b ? "true" : "false";
        if (v instanceof List<?> l) return l.isEmpty() ? null : toStr(l.get(0));
        return v.toString();
    }

    /** A number as Splunk prints it: {@code 3}, {@code 2.5}, never exponent notation for ordinary magnitudes. */
    public static String formatNumber(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        String s = Double.toString(d);
        if (s.indexOf('E') < 0) return s;
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** All values of a possibly multivalue field as strings (empty for null). */
    public static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof Collection<?> c) {
            for (Object o : c) if (o != null) out.add(toStr(o));
        } else out.add(toStr(v));
        return out;
    }

    /** All values of a possibly multivalue field (empty for null). */
    public static List<Object> list(Object v) {
        List<Object> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof Collection<?> c) {
            for (Object o : c) if (o != null) out.add(o);
        } else out.add(v);
        return out;
    }

    /** Collapses a list: empty to null, one element to itself. */
    public static Object ofList(List<?> l) {
        if (l == null || l.isEmpty()) return null;
        if (l.size() == 1) return l.get(0);
        return List.copyOf(l);
    }

    /** Truthiness inside eval/where: booleans as they are, null false; anything else is a type error there. */
    public static boolean isTrue(Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof List<?> l) return !l.isEmpty() && isTrue(l.get(0));
        return false;
    }

    /**
     * Splunk's ordering (sort, stats BY rows): numbers numerically before strings, strings
     * lexicographically; nulls last. Used for ascending order.
     */
    public static int compare(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        Double na = toNumber(a), nb = toNumber(b);
        if (na != null && nb != null) return Double.compare(na, nb);
        if (na != null) return -1;
        if (nb != null) return 1;
        return toStr(a).compareTo(toStr(b));
    }

    /** Like {@link #compare} but strings compare case-insensitively, as sort's default for strings. */
    public static int compareLexicalIgnoreCase(Object a, Object b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        Double na = toNumber(a), nb = toNumber(b);
        if (na != null && nb != null) return Double.compare(na, nb);
        if (na != null) return -1;
        if (nb != null) return 1;
        int c = toStr(a).compareToIgnoreCase(toStr(b));
        return c != 0 ? c : toStr(a).compareTo(toStr(b));
    }

    /** Estimated heap bytes a value holds, for the per-search memory limit. */
    public static long sizeOf(Object v) {
        if (v == null) return 0;
        if (v instanceof String s) return 40 + 2L * s.length();
        if (v instanceof List<?> l) {
            long n = 40;
            for (Object o : l) n += 8 + sizeOf(o);
            return n;
        }
        return 24;
    }
}

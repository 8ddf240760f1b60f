package dev.vigil.index.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The case-insensitive, wildcard-aware comparisons behind {@link Filter}'s evaluation. */
public final class Matching {
    private Matching() {
    }

    /** True when {@code raw} holds {@code term} as a segment, following {@link Filter.RawTerm}. */
    public static boolean rawTermMatches(String raw, String term) {
        String t = term.toLowerCase(Locale.ROOT);
        if (t.indexOf('*') >= 0) {
            List<String> terms = new ArrayList<>();
            Segmenter.segment(raw, terms::add);
            for (String s : terms) {
                if (glob(s, t)) {
                    return true;
                }
            }
            return false;
        }
        String r = raw.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = r.indexOf(t, from);
            if (at < 0) {
                return false;
            }
            int end = at + t.length();
            boolean left = at == 0 || Segmenter.isBreaker(r.charAt(at - 1)) || Segmenter.isBreaker(t.charAt(0));
            boolean right = end == r.length() || Segmenter.isBreaker(r.charAt(end))
                    || Segmenter.isBreaker(t.charAt(t.length() - 1));
            if (left && right) {
                return true;
            }
            from = at + 1;
        }
    }

    /** True when {@code raw} contains {@code phrase} case-insensitively; {@code *} matches any run. */
    public static boolean phraseMatches(String raw, String phrase) {
        String p = phrase.toLowerCase(Locale.ROOT);
        String r = raw.toLowerCase(Locale.ROOT);
        if (p.indexOf('*') < 0) {
            return r.contains(p);
        }
        return glob(r, "*" + p + "*");
    }

    /** True when the whole {@code value} matches {@code pattern} case-insensitively, {@code *} a wildcard. */
    public static boolean valueMatches(String value, String pattern) {
        if (pattern.indexOf('*') < 0) {
            return value.equalsIgnoreCase(pattern);
        }
        return glob(value.toLowerCase(Locale.ROOT), pattern.toLowerCase(Locale.ROOT));
    }

    /** Glob match of a whole string, {@code *} only; linear-time greedy matching with backtrack point. */
    public static boolean glob(String s, String p) {
        int si = 0;
        int pi = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == s.charAt(si)) {
                si++;
                pi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** Numeric comparison when both sides are numbers, otherwise string comparison. */
    public static boolean compare(String value, Filter.Op op, String bound) {
        Double a = number(value);
        Double b = number(bound);
        int c = a != null && b != null ? Double.compare(a, b) : value.compareTo(bound);
        switch (op) {
            case LT: return c < 0;
            case LE: return c <= 0;
            case GT: return c > 0;
            default: return c >= 0;
        }
    }

    /** The number a string denotes, or null. */
    public static Double number(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        char c = s.charAt(0);
        if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String quoteIfNeeded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '(' || c == ')' || c == '=') {
                return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return s.isEmpty() ? "\"\"" : s;
    }

    static String join(List<Filter> children, String op) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < children.size(); i++) {
            sb.append(i == 0 ? "" : op).append(children.get(i));
        }
        return sb.append(')').toString();
    }
}

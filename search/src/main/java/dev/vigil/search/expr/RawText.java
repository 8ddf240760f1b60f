package dev.vigil.search.expr;

import dev.vigil.search.value.Glob;
import java.util.Locale;

/**
 * How search keywords meet {@code _raw}: case-insensitive, on segment boundaries as Splunk's indexer
 * segments text (letters and digits form segments; everything else is a breaker), so {@code fail} does
 * not match {@code failed} but {@code fail*} does.
 */
final class RawText {
    private RawText() {}

    static boolean isSegmentChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** True when {@code needle} (already lower-case, no wildcard) occurs in {@code raw} on segment boundaries. */
    static boolean containsTerm(String raw, String needle) {
        if (needle.isEmpty()) return true;
        int n = needle.length();
        boolean startSeg = isSegmentChar(needle.charAt(0)), endSeg = isSegmentChar(needle.charAt(n - 1));
        int from = 0;
        while (true) {
            int at = indexOfIgnoreCase(raw, needle, from);
            if (at < 0) return false;
            boolean leftOk = !startSeg || at == 0 || !isSegmentChar(raw.charAt(at - 1));
            boolean rightOk = !endSeg || at + n >= raw.length() || !isSegmentChar(raw.charAt(at + n));
            if (leftOk && rightOk) return true;
            from = at + 1;
        }
    }

    static int indexOfIgnoreCase(String hay, String lowerNeedle, int from) {
        int n = lowerNeedle.length();
        char first = lowerNeedle.charAt(0);
        char firstUp = Character.toUpperCase(first);
        for (int i = from, max = hay.length() - n; i <= max; i++) {
            char c = hay.charAt(i);
            if (c != first && c != firstUp) continue;
            if (hay.regionMatches(true, i, lowerNeedle, 0, n)) return i;
        }
        return -1;
    }

    /**
     * A wildcard keyword: matched against every whitespace-delimited token of {@code raw} and against every
     * run of the token starting and ending on segment boundaries.
     */
    static boolean containsGlob(String raw, Glob glob) {
        String p = glob.pattern();
        if (p.chars().allMatch(c -> c == '*')) return true;
        String lowerRaw = raw.toLowerCase(Locale.ROOT);
        int i = 0, n = lowerRaw.length();
        while (i < n) {
            while (i < n && isMajorBreaker(lowerRaw.charAt(i))) i++;
            int start = i;
            while (i < n && !isMajorBreaker(lowerRaw.charAt(i))) i++;
            if (i > start && tokenMatches(lowerRaw, start, i, glob)) return true;
        }
        return false;
    }

    private static boolean tokenMatches(String s, int start, int end, Glob glob) {
        for (int a = start; a < end; a++) {
            if (a > start && isSegmentChar(s.charAt(a - 1)) && isSegmentChar(s.charAt(a))) continue;
            for (int b = end; b > a; b--) {
                if (b < end && isSegmentChar(s.charAt(b - 1)) && isSegmentChar(s.charAt(b))) continue;
                if (glob.matches(s.substring(a, b))) return true;
            }
        }
        return false;
    }

    /** Splunk's major breakers (segmenters.conf): whitespace and brackets, quotes, separators. */
    static boolean isMajorBreaker(char c) {
        return Character.isWhitespace(c) || "[]<>(){}|!;,'\"&?+".indexOf(c) >= 0;
    }
}

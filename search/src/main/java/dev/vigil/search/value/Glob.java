package dev.vigil.search.value;

import java.util.Locale;

/**
 * A Splunk wildcard pattern: {@code *} matches any run of characters, everything else literally.
 * Matching runs in O(n·m) worst case with no backtracking explosion; case-insensitive unless told.
 */
public final class Glob {
    private final String pattern;
    private final String folded;
    private final boolean ignoreCase;
    private final boolean hasWildcard;

    public Glob(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.folded = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        this.hasWildcard = pattern.indexOf('*') >= 0;
    }

    /** The pattern as written. */
    public String pattern() { return pattern; }

    /** True when the pattern has at least one {@code *}. */
    public boolean hasWildcard() { return hasWildcard; }

    /** True when the whole of {@code s} matches. */
    public boolean matches(String s) {
        if (s == null) return false;
        if (!hasWildcard) return ignoreCase ? pattern.equalsIgnoreCase(s) : pattern.equals(s);
        String t = ignoreCase ? s.toLowerCase(Locale.ROOT) : s;
        return match(folded, t);
    }

    /** Classic greedy wildcard match with single backtrack point: linear in practice, O(n·m) at worst. */
    static boolean match(String p, String s) {
        int pi = 0, si = 0, star = -1, mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
                pi++;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else return false;
        }
        while (pi < p.length() && p.charAt(pi) == '*') pi++;
        return pi == p.length();
    }

    /**
     * For rename-style wildcards: the parts of {@code s} captured by each {@code *} of the pattern, or
     * null when it does not match (case-sensitive, as field names are).
     */
    public static String[] capture(String pattern, String s) {
        String[] parts = pattern.split("\\*", -1);
        String[] caps = new String[parts.length - 1];
        if (!s.startsWith(parts[0])) return null;
        int pos = parts[0].length();
        for (int i = 1; i < parts.length; i++) {
            String lit = parts[i];
            int at;
            if (i == parts.length - 1) {
                at = s.length() - lit.length();
                if (at < pos || !s.endsWith(lit)) return null;
            } else {
                at = s.indexOf(lit, pos);
                if (at < 0) return null;
            }
            caps[i - 1] = s.substring(pos, at);
            pos = at + lit.length();
        }
        return caps;
    }

    /** Fills the {@code *}s of a pattern with captured parts, in order. */
    public static String fill(String pattern, String[] caps) {
        StringBuilder b = new StringBuilder();
        int k = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && k < caps.length) b.append(caps[k++]);
            else if (c != '*') b.append(c);
        }
        return b.toString();
    }

    @Override public boolean equals(Object o) {
        return o instanceof Glob g && g.pattern.equals(pattern) && g.ignoreCase == ignoreCase;
    }
    @Override public int hashCode() { return pattern.hashCode() * 31 + (ignoreCase ? 1 : 0); }
    @Override public String toString() { return pattern; }
}

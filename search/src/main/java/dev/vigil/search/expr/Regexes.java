package dev.vigil.search.expr;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * User regular expressions, compiled with RE2/J so matching is linear in the input: a search cannot hang
 * the server. PCRE's {@code (?<name>...)} groups are accepted as RE2's {@code (?P<name>...)}; a cache of
 * compiled patterns avoids recompiling per event.
 */
public final class Regexes {
    private static final int CACHE = 256;
    private static final Map<String, Pattern> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Pattern> e) { return size() > CACHE; }
    };

    private Regexes() {}

    /**
     * Compiles a user regex.
     *
     * @throws IllegalArgumentException with RE2's reason when the pattern is invalid or uses PCRE-only syntax
     */
    public static Pattern compile(String regex) {
        synchronized (cache) {
            Pattern p = cache.get(regex);
            if (p != null) return p;
        }
        Pattern p;
        try {
            p = Pattern.compile(pcreToRe2(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + regex + "': " + e.getDescription()
                    + " (RE2 syntax: no backreferences or lookaround)");
        }
        synchronized (cache) {
            cache.put(regex, p);
        }
        return p;
    }

    /** Rewrites {@code (?<name>} to {@code (?P<name>}, leaving lookbehind and escapes alone. */
    static String pcreToRe2(String r) {
        StringBuilder b = new StringBuilder(r.length() + 8);
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length()) {
                b.append(c).append(r.charAt(++i));
                continue;
            }
            if (c == '(' && r.startsWith("?<", i + 1) && i + 3 < r.length()
                    && r.charAt(i + 3) != '=' && r.charAt(i + 3) != '!') {
                b.append("(?P<");
                i += 2;
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Group names of a pattern in order of appearance. */
    public static java.util.List<String> groupNames(String regex) {
        java.util.List<String> names = new java.util.ArrayList<>();
        String r = pcreToRe2(regex);
        int i = 0;
        while ((i = r.indexOf("(?P<", i)) >= 0) {
            if (i > 0 && r.charAt(i - 1) == '\\') { i++; continue; }
            int end = r.indexOf('>', i);
            if (end < 0) break;
            names.add(r.substring(i + 4, end));
            i = end;
        }
        return names;
    }
}

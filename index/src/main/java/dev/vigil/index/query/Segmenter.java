package dev.vigil.index.query;

import java.util.function.Consumer;

/**
 * Splunk's default segmentation of {@code _raw} into searchable terms (segmenters.conf, stanza
 * {@code [default]}): major breakers split the text into major segments; minor breakers split a major
 * segment further. Both the major segment and its minor segments become terms, lowercased.
 *
 * <p>Major breakers: whitespace and {@code [ ] < > ( ) { } | ! ; , ' " * & ? +}. Minor breakers:
 * {@code / : = @ . - $ # % \ _}. Splunk's percent-encoded major breakers ({@code %20}, {@code %3D}…)
 * and {@code --} are not treated as breakers here (docs/index.md lists this difference).
 */
public final class Segmenter {
    /** Terms longer than this many characters are not indexed (Lucene's term limit is far higher). */
    public static final int MAX_TERM_CHARS = 256;

    private static final boolean[] MAJOR = new boolean[128];
    private static final boolean[] MINOR = new boolean[128];

    static {
        for (char c : " \t\n\r\f\u000b[]<>(){}|!;,'\"*&?+".toCharArray()) {
            MAJOR[c] = true;
        }
        for (char c : "/:=@.-$#%\\_".toCharArray()) {
            MINOR[c] = true;
        }
    }

    private Segmenter() {
    }

    /** True for a major breaker. */
    public static boolean isMajor(char c) {
        return c < 128 ? MAJOR[c] : Character.isWhitespace(c);
    }

    /** True for a minor breaker. */
    public static boolean isMinor(char c) {
        return c < 128 && MINOR[c];
    }

    /** True for any breaker. */
    public static boolean isBreaker(char c) {
        return isMajor(c) || isMinor(c);
    }

    /** True when the text holds a breaker of either kind. */
    public static boolean hasBreaker(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (isBreaker(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code sink} with every term of {@code text}, lowercased, majors before their minors. */
    public static void segment(CharSequence text, Consumer<String> sink) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isMajor(text.charAt(i))) {
                i++;
            }
            int start = i;
            boolean hasMinor = false;
            while (i < n && !isMajor(text.charAt(i))) {
                hasMinor |= isMinor(text.charAt(i));
                i++;
            }
            if (i > start && i - start <= MAX_TERM_CHARS) {
                sink.accept(lower(text, start, i));
                if (hasMinor) {
                    minors(text, start, i, sink);
                }
            }
        }
    }

    private static void minors(CharSequence text, int from, int to, Consumer<String> sink) {
        int i = from;
        while (i < to) {
            while (i < to && isMinor(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < to && !isMinor(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                sink.accept(lower(text, start, i));
            }
        }
    }

    private static String lower(CharSequence text, int from, int to) {
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = lowerChar(text.charAt(i));
        }
        return new String(out);
    }

    /** Lowercases one character, fast for ASCII. */
    public static char lowerChar(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }
}

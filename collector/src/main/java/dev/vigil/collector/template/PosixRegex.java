package dev.vigil.collector.template;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * POSIX regular expressions (rsyslog uses regcomp: BRE by default, ERE when asked) compiled for RE2/J,
 * which runs in linear time so a user's pattern can never hang the collector. Matching is
 * leftmost-longest, as POSIX requires.
 */
public final class PosixRegex {
    private PosixRegex() {
    }

    /**
     * Compiles {@code regex}; {@code extended} selects ERE, otherwise BRE is translated (in BRE
     * {@code \( \) \{ \} \| \+ \?} are the operators and the bare characters are literals).
     *
     * @throws IllegalArgumentException with the pattern and the reason when it does not compile
     */
    public static Pattern compile(String regex, boolean extended, boolean caseInsensitive) {
        String re2 = extended ? fromEre(regex) : fromBre(regex);
        int flags = Pattern.LONGEST_MATCH | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0);
        try {
            return Pattern.compile(re2, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regular expression \"" + regex + "\" does not compile: "
                    + e.getDescription(), e);
        }
    }

    static String fromEre(String ere) {
        StringBuilder sb = new StringBuilder(ere.length() + 8);
        for (int i = 0; i < ere.length(); i++) {
            char c = ere.charAt(i);
            if (c == '[') {
                i = bracket(ere, i, sb) - 1;
            } else if (c == '\\' && i + 1 < ere.length()) {
                sb.append(c).append(ere.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String fromBre(String bre) {
        StringBuilder sb = new StringBuilder(bre.length() + 8);
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '[') {
                i = bracket(bre, i, sb) - 1;
                continue;
            }
            if (c == '\\' && i + 1 < bre.length()) {
                char n = bre.charAt(++i);
                switch (n) {
                    case '(': case ')': case '{': case '}': case '|': case '+': case '?':
                        sb.append(n);
                        break;
                    default:
                        sb.append('\\').append(n);
                }
                continue;
            }
            switch (c) {
                case '(': case ')': case '{': case '}': case '|': case '+': case '?':
                    sb.append('\\').append(c);
                    break;
                case '*':
                    // a leading '*' (or one right after "\(" or "^") is a literal in BRE
                    int n = sb.length();
                    if (n == 0 || sb.charAt(n - 1) == '(' || (sb.charAt(n - 1) == '^' && (n < 2 || sb.charAt(n - 2) != '\\'))) {
                        sb.append("\\*");
                    } else {
                        sb.append('*');
                    }
                    break;
                default:
                    sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Copies the POSIX bracket expression starting at {@code start} in RE2 syntax (a leading ']' and
     * any backslash are literals in POSIX); returns the index after it.
     */
    static int bracket(String re, int start, StringBuilder sb) {
        int i = start + 1;
        sb.append('[');
        if (i < re.length() && re.charAt(i) == '^') {
            sb.append('^');
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            sb.append("\\]");
            i++;
        }
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == ']') {
                sb.append(']');
                return i + 1;
            }
            if (c == '[' && i + 1 < re.length() && ":.=".indexOf(re.charAt(i + 1)) >= 0) {
                char kind = re.charAt(i + 1);
                int close = re.indexOf(kind + "]", i + 2);
                if (close > 0) {
                    sb.append(re, i, close + 2);
                    i = close + 2;
                    continue;
                }
            }
            if (c == '\\') {
                sb.append("\\\\");
            } else {
                sb.append(c);
            }
            i++;
        }
        return i; // unterminated: let RE2 report it
    }
}

package dev.vigil.collector.config;

/** A cursor over a {@link Source} with rsyslog's blank handling: whitespace, # and C comments. */
final class Lexing {
    private final Source src;
    int pos;

    Lexing(Source src) {
        this.src = src;
    }

    boolean eof() {
        return pos >= src.text.length();
    }

    char ch() {
        return src.text.charAt(pos);
    }

    /** Skips whitespace, {@code # ...} comments, {@code /* ... *}{@code /} comments and backslash-newline. */
    void skipBlank() {
        String t = src.text;
        while (pos < t.length()) {
            char c = t.charAt(pos);
            if (c == '#') {
                while (pos < t.length() && t.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < t.length() && t.charAt(pos + 1) == '*') {
                int end = t.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw src.error(pos, "unterminated comment: expected '*/'");
                }
                pos = end + 2;
            } else if (c == '\\' && pos + 1 < t.length() && (t.charAt(pos + 1) == '\n' || t.charAt(pos + 1) == '\r')) {
                pos += 2;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    /** The word (letters, digits, '_', '-') at the position, without consuming it; "" when none. */
    String peekWord() {
        String t = src.text;
        int p = pos;
        while (p < t.length() && (Character.isLetterOrDigit(t.charAt(p)) || t.charAt(p) == '_' || t.charAt(p) == '-')) {
            p++;
        }
        return t.substring(pos, p);
    }

    /** The next character after blanks following offset {@code p}, or 0. */
    char nextAfterBlanks(int p) {
        String t = src.text;
        while (p < t.length() && (t.charAt(p) == ' ' || t.charAt(p) == '\t' || t.charAt(p) == '\r' || t.charAt(p) == '\n')) {
            p++;
        }
        return p < t.length() ? t.charAt(p) : 0;
    }

    /** Reads to the end of the line, joining backslash-newline continuations; consumes the newline. */
    String restOfLine() {
        String t = src.text;
        StringBuilder sb = new StringBuilder();
        while (pos < t.length()) {
            char c = t.charAt(pos);
            if (c == '\\' && pos + 1 < t.length() && t.charAt(pos + 1) == '\n') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == '\n') {
                break;
            }
            sb.append(c);
        }
        int n = sb.length();
        while (n > 0 && Character.isWhitespace(sb.charAt(n - 1))) {
            n--;
        }
        sb.setLength(n);
        return sb.toString();
    }
}

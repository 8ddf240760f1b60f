package dev.vigil.search.parse;

import java.util.Locale;

/**
 * A position in the query text with the small lexing steps every SPL command needs: words, quoted
 * strings, keywords, {@code name=value} options. Every failure is a {@link SplSyntaxException} naming
 * the position, what was expected and what was found.
 */
public final class Cursor {
    private final String s;
    private int pos;

    public Cursor(String s) {
        this.s = s;
    }

    public String text() { return s; }
    public int pos() { return pos; }
    public void reset(int p) { pos = p; }

    public void skipWs() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    /** True at the end of the query. */
    public boolean atEnd() {
        skipWs();
        return pos >= s.length();
    }

    /** True at a {@code |} or the end: the end of the current command. */
    public boolean atCommandEnd() {
        skipWs();
        return pos >= s.length() || s.charAt(pos) == '|';
    }

    /** The next character after whitespace, or 0 at the end. */
    public char peek() {
        skipWs();
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    public char peekRaw() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    public char charAt(int p) {
        return p < s.length() ? s.charAt(p) : 0;
    }

    /** Consumes a symbol (after whitespace) when present. */
    public boolean eat(String sym) {
        skipWs();
        if (s.startsWith(sym, pos)) {
            pos += sym.length();
            return true;
        }
        return false;
    }

    public void expect(String sym, String what) {
        if (!eat(sym)) throw error(what);
    }

    /** Consumes a case-insensitive keyword followed by a boundary when present. */
    public boolean eatKeyword(String kw) {
        skipWs();
        if (s.regionMatches(true, pos, kw, 0, kw.length())) {
            int end = pos + kw.length();
            if (end >= s.length() || !isWordChar(s.charAt(end))) {
                pos = end;
                return true;
            }
        }
        return false;
    }

    /** True when a case-insensitive keyword is next, without consuming it. */
    public boolean peekKeyword(String kw) {
        int p = pos;
        boolean r = eatKeyword(kw);
        pos = p;
        return r;
    }

    /** Consumes an uppercase-only keyword (search's AND/OR/NOT) followed by whitespace or '('. */
    public boolean eatUpperKeyword(String kw) {
        skipWs();
        if (s.startsWith(kw, pos)) {
            int end = pos + kw.length();
            if (end >= s.length() || Character.isWhitespace(s.charAt(end)) || s.charAt(end) == '(') {
                pos = end;
                return true;
            }
        }
        return false;
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** A quoted string starting at the cursor: {@code "..."} with backslash escapes for quote and backslash. */
    public String quoted() {
        skipWs();
        if (peekRaw() != '"') throw error("a quoted string");
        int start = pos++;
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\\')) {
                b.append(s.charAt(pos++));
            } else if (c == '"') {
                return b.toString();
            } else b.append(c);
        }
        throw new SplSyntaxException(s, start, "unterminated quoted string starting here: expected a closing '\"'");
    }

    /**
     * A bare word: everything up to whitespace or one of {@code stops}. Returns null when empty.
     */
    public String word(String stops) {
        skipWs();
        int start = pos;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c) || stops.indexOf(c) >= 0) break;
            pos++;
        }
        return pos > start ? s.substring(start, pos) : null;
    }

    /** A value: a quoted string or a bare word ending at whitespace, ',', ')', '|'. */
    public String value(String what) {
        skipWs();
        if (peekRaw() == '"') return quoted();
        String w = word(",|()");
        if (w == null) throw error(what);
        return w;
    }

    /** A field name (bare, or quoted with double or single quotes); wildcards allowed. */
    public String fieldName(String what) {
        skipWs();
        char c = peekRaw();
        if (c == '"') return quoted();
        if (c == '\'') {
            int end = s.indexOf('\'', pos + 1);
            if (end < 0) throw error("a closing \"'\"");
            String f = s.substring(pos + 1, end);
            pos = end + 1;
            return f;
        }
        String w = word(",|()=!<>\"'[]");
        if (w == null) throw error(what);
        return w;
    }

    /** An identifier followed by '=' (not '=='), i.e. a {@code name=value} option; null (nothing consumed) otherwise. */
    public String optionName() {
        skipWs();
        int p = pos;
        while (p < s.length() && (isWordChar(s.charAt(p)) || s.charAt(p) == '.')) p++;
        if (p == pos || p >= s.length() || s.charAt(p) != '=' || (p + 1 < s.length() && s.charAt(p + 1) == '=')) {
            return null;
        }
        String name = s.substring(pos, p);
        pos = p + 1;
        return name.toLowerCase(Locale.ROOT);
    }

    /** A failure at the cursor: "expected X, found Y". */
    public SplSyntaxException error(String expected) {
        skipWs();
        return new SplSyntaxException(s, pos, "expected " + expected + ", found " + found());
    }

    /** A failure at a given position with a free-form message. */
    public SplSyntaxException errorAt(int p, String message) {
        return new SplSyntaxException(s, p, message);
    }

    /** Describes what is at the cursor, for error messages. */
    public String found() {
        if (pos >= s.length()) return "the end of the query";
        char c = s.charAt(pos);
        if (c == '|') return "'|'";
        int end = pos;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && end - pos < 20) end++;
        return "'" + s.substring(pos, Math.max(end, pos + 1)) + "'";
    }
}

package dev.vigil.collector.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RainerScript's parameter lists {@code (name="value" other=["a","b"])} and string literals,
 * including rsyslog's escapes, on behalf of {@link ConfigParser}.
 */
final class ParamListParser {
    private final Source src;
    private final Lexing lx;

    ParamListParser(Source src, Lexing lx) {
        this.src = src;
        this.lx = lx;
    }

    /** Parses from just after '(' through the closing ')'. */
    Params parse() {
        Params p = new Params();
        String t = src.text;
        while (true) {
            lx.skipBlank();
            if (lx.eof()) {
                throw src.error(lx.pos, "expected ')' to close the parameter list, found the end of the file");
            }
            char c = t.charAt(lx.pos);
            if (c == ')') {
                lx.pos++;
                return p;
            }
            int s = lx.pos;
            while (lx.pos < t.length() && isNameChar(t.charAt(lx.pos))) {
                lx.pos++;
            }
            if (s == lx.pos) {
                throw src.error(s, "expected a parameter name or ')', found '" + c + "'");
            }
            String name = t.substring(s, lx.pos);
            lx.skipBlank();
            if (lx.eof() || t.charAt(lx.pos) != '=') {
                throw src.error(lx.pos, "expected '=' after parameter name '" + name + "'");
            }
            lx.pos++;
            lx.skipBlank();
            if (lx.eof()) {
                throw src.error(lx.pos, "expected a value for parameter '" + name + "'");
            }
            c = t.charAt(lx.pos);
            if (c == '"' || c == '\'') {
                p.put(name, string());
            } else if (c == '[') {
                p.put(name, array());
            } else {
                int v = lx.pos;
                while (lx.pos < t.length() && !Character.isWhitespace(t.charAt(lx.pos)) && t.charAt(lx.pos) != ')') {
                    lx.pos++;
                }
                if (v == lx.pos) {
                    throw src.error(v, "expected a value for parameter '" + name + "'");
                }
                p.put(name, t.substring(v, lx.pos));
            }
        }
    }

    private List<String> array() {
        List<String> out = new ArrayList<>();
        lx.pos++;
        while (true) {
            lx.skipBlank();
            if (lx.eof()) {
                throw src.error(lx.pos, "expected ']' to close the array");
            }
            char c = src.text.charAt(lx.pos);
            if (c == ']') {
                lx.pos++;
                return out;
            }
            if (c == ',') {
                lx.pos++;
                continue;
            }
            if (c != '"' && c != '\'') {
                throw src.error(lx.pos, "expected a quoted string in the array, found '" + c + "'");
            }
            out.add(string());
        }
    }

    /** A quoted string at the current position, unescaped as rsyslog's lexer does. */
    String string() {
        String t = src.text;
        char q = t.charAt(lx.pos);
        int start = lx.pos++;
        StringBuilder sb = new StringBuilder();
        while (lx.pos < t.length() && t.charAt(lx.pos) != q) {
            char c = t.charAt(lx.pos++);
            if (c == '\\' && lx.pos < t.length()) {
                char n = t.charAt(lx.pos++);
                switch (n) {
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'v': sb.append('\u000b'); break;
                    case 'a': sb.append('\u0007'); break;
                    default: sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        if (lx.pos >= t.length()) {
            throw src.error(start, "unterminated string");
        }
        lx.pos++;
        return sb.toString();
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}

package dev.vigil.collector.filter;

import dev.vigil.core.syslog.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a RainerScript expression with rsyslog 8.2302's grammar and precedence: {@code and} and
 * {@code or} share the lowest level (left to right), then comparisons, then {@code + - &}, then
 * {@code * / %}; {@code not} and unary minus bind tightest, so {@code not $msg contains "x"} means
 * {@code (not $msg) contains "x"} exactly as in rsyslog.
 */
public final class ExprParser {
    /**
     * A parsed expression, the offset just after it (where {@code then} would start), and the problems
     * that make the expression unusable although it parsed (a regular expression that does not compile):
     * rsyslog reports those and drops the statement, the rest of the configuration still loads.
     */
    public record Result(Expr expr, int end, List<FilterSyntaxException> problems) {
    }

    private final String src;
    private int pos;
    // current token
    private int tokStart;
    private String tok; // operator text, keyword (lower case), or null at the end
    private char kind; // 'o' operator, 'w' word, 'v' variable, 's' string, 'n' number, 'e' end
    private Object tokValue;
    private final List<FilterSyntaxException> problems = new ArrayList<>();

    private ExprParser(String src, int pos) {
        this.src = src;
        this.pos = pos;
        next();
    }

    /**
     * Parses the expression in {@code src} starting at {@code start}; stops before the first token
     * that cannot continue it (normally {@code then}).
     *
     * @throws FilterSyntaxException with the offset and what was expected
     */
    public static Result parse(String src, int start) {
        ExprParser p = new ExprParser(src, start);
        Expr e = p.expr(0);
        return new Result(e, p.tokStart, List.copyOf(p.problems));
    }

    /** Parses a complete expression (for tests and tools). */
    public static Expr parse(String src) {
        ExprParser p = new ExprParser(src, 0);
        Expr e = p.expr(0);
        if (!p.problems.isEmpty()) {
            throw p.problems.get(0);
        }
        if (p.kind != 'e') {
            throw new FilterSyntaxException(p.tokStart, "unexpected '" + p.tok + "' after the expression");
        }
        return e;
    }

    private static int level(String op) {
        switch (op) {
            case "and": case "or": return 1;
            case "==": case "!=": case "<>": case "<": case "<=": case ">": case ">=": case "contains":
            case "contains_i": case "startswith": case "startswith_i":
                return 2;
            case "+": case "-": case "&": return 3;
            case "*": case "/": case "%": return 4;
            default: return -1;
        }
    }

    private Expr expr(int minLevel) {
        Expr left = unary();
        while (kind == 'o' || kind == 'w') {
            int lv = level(tok);
            if (lv < 0 || lv <= minLevel || tok.equals("/") && pos < src.length() && Character.isLetter(src.charAt(pos))) {
                // "/var/log/x" after a complete condition is an action with "then" missing, not a division
                break;
            }
            String op = tok;
            next();
            Expr right = expr(lv);
            left = fold(new Nodes.Binary(op, left, right));
        }
        return left;
    }

    private static Expr fold(Expr e) {
        if (e instanceof Nodes.Binary b && b.l().constant() && b.r().constant()) {
            return new Nodes.Literal(b.eval(null));
        }
        return e;
    }

    private Expr unary() {
        if (kind == 'w' && tok.equals("not")) {
            next();
            return new Nodes.Unary("not", unary());
        }
        if (kind == 'o' && tok.equals("-")) {
            next();
            return new Nodes.Unary("-", unary());
        }
        return primary();
    }

    private Expr primary() {
        int at = tokStart;
        switch (kind) {
            case 's': case 'n': {
                Object v = tokValue;
                next();
                return new Nodes.Literal(v);
            }
            case 'v': {
                String name = (String) tokValue;
                String canonical = Properties.canonical(name);
                if (canonical == null) {
                    // rsyslog: "invalid property 'x'", the statement is dropped and the rest loads
                    problems.add(new FilterSyntaxException(at, "invalid property '" + name + "'"));
                }
                next();
                return new Nodes.Property(name, canonical);
            }
            case 'o':
                if (tok.equals("(")) {
                    next();
                    Expr e = expr(0);
                    expect(")");
                    return e;
                }
                if (tok.equals("[")) {
                    return array();
                }
                break;
            case 'w':
                if (src.startsWith("(", skipBlanks(pos))) {
                    return call();
                }
                break;
            default:
                break;
        }
        throw new FilterSyntaxException(at, kind == 'e' ? "expected an expression, found the end"
                : "expected an expression, found '" + tok + "'");
    }

    private Expr call() {
        String name = tok;
        int at = tokStart;
        next();
        expect("(");
        List<Expr> args = new ArrayList<>();
        if (!(kind == 'o' && tok.equals(")"))) {
            args.add(expr(0));
            while (kind == 'o' && tok.equals(",")) {
                next();
                args.add(expr(0));
            }
        }
        expect(")");
        try {
            return Functions.create(name, args);
        } catch (Functions.InvalidArgument e) {
            problems.add(new FilterSyntaxException(at, e.getMessage()));
            return new Nodes.Literal(0L);
        } catch (IllegalArgumentException e) {
            throw new FilterSyntaxException(at, e.getMessage());
        }
    }

    private Expr array() {
        next();
        List<String> items = new ArrayList<>();
        while (!(kind == 'o' && tok.equals("]"))) {
            if (kind != 's' && kind != 'n') {
                throw new FilterSyntaxException(tokStart, "expected a constant in the array");
            }
            items.add(Values.str(tokValue));
            next();
            if (kind == 'o' && tok.equals(",")) {
                next();
            } else if (!(kind == 'o' && tok.equals("]"))) {
                throw new FilterSyntaxException(tokStart, "expected ',' or ']' in the array");
            }
        }
        next();
        return new Nodes.Literal(items.toArray(new String[0]));
    }

    private void expect(String op) {
        if (kind != 'o' || !tok.equals(op)) {
            throw new FilterSyntaxException(tokStart, "expected '" + op + "', found "
                    + (kind == 'e' ? "the end" : "'" + tok + "'"));
        }
        next();
    }

    private int skipBlanks(int p) {
        while (p < src.length()) {
            char c = src.charAt(p);
            if (c == '#') {
                while (p < src.length() && src.charAt(p) != '\n') {
                    p++;
                }
            } else if (c == '\\' && p + 1 < src.length() && src.charAt(p + 1) == '\n') {
                p += 2;
            } else if (Character.isWhitespace(c)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private void next() {
        pos = skipBlanks(pos);
        tokStart = pos;
        tokValue = null;
        if (pos >= src.length()) {
            kind = 'e';
            tok = null;
            return;
        }
        char c = src.charAt(pos);
        if (c == '$') {
            int s = ++pos;
            if (pos < src.length() && src.charAt(pos) == '$') {
                pos++;
            }
            while (pos < src.length() && isVarChar(src.charAt(pos))) {
                pos++;
            }
            // "$$now" in scripts is the template's "$now": the name keeps its second '$'
            tokValue = src.substring(s, pos);
            kind = 'v';
            tok = "$" + tokValue;
        } else if (c == '"' || c == '\'') {
            kind = 's';
            tokValue = string(c);
            tok = "string";
        } else if (Character.isDigit(c)) {
            kind = 'n';
            tokValue = number();
            tok = src.substring(tokStart, pos);
        } else if (Character.isLetter(c) || c == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            kind = 'w';
            tok = src.substring(tokStart, pos).toLowerCase(Locale.ROOT);
        } else {
            kind = 'o';
            String two = pos + 1 < src.length() ? src.substring(pos, pos + 2) : "";
            if (two.equals("==") || two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                tok = two;
                pos += 2;
            } else if ("<>+-*/%&()[],".indexOf(c) >= 0) {
                tok = String.valueOf(c);
                pos++;
            } else {
                throw new FilterSyntaxException(pos, "unexpected character '" + c + "' in expression");
            }
        }
    }

    private static boolean isVarChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '!' || c == '/' || c == '$';
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < src.length() && src.charAt(pos) != quote) {
            char c = src.charAt(pos++);
            if (c == '\\' && pos < src.length()) {
                char n = src.charAt(pos++);
                switch (n) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    default: sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        if (pos >= src.length()) {
            throw new FilterSyntaxException(tokStart, "unterminated string");
        }
        pos++;
        return sb.toString();
    }

    private Long number() {
        int s = pos;
        int radix = 10;
        if (src.startsWith("0x", pos) || src.startsWith("0X", pos)) {
            radix = 16;
            pos += 2;
            s = pos;
        } else if (src.charAt(pos) == '0' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
            radix = 8;
        }
        while (pos < src.length() && Character.digit(src.charAt(pos), radix) >= 0) {
            pos++;
        }
        try {
            return Long.parseLong(src.substring(s, pos), radix);
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException(s, "number out of range");
        }
    }
}

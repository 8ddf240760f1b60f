package dev.vigil.search.parse;

import dev.vigil.search.expr.Expr;
import dev.vigil.search.expr.Functions;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Eval/where expressions with Splunk's precedence, loosest first: OR and XOR, AND, NOT, equality
 * (= == != LIKE), ordering (&lt; &lt;= &gt; &gt;=), additive (+ - and the {@code .} concatenation),
 * multiplicative (* / %), unary minus. Double quotes make strings, single quotes field names.
 */
public final class ExprParser {
    private final Cursor c;

    public ExprParser(Cursor c) {
        this.c = c;
    }

    public Expr parse() {
        return or();
    }

    private Expr or() {
        Expr l = and();
        while (true) {
            if (c.eatKeyword("OR")) l = new Expr.Binary("OR", l, and());
            else if (c.eatKeyword("XOR")) l = new Expr.Binary("XOR", l, and());
            else return l;
        }
    }

    private Expr and() {
        Expr l = not();
        while (c.eatKeyword("AND")) l = new Expr.Binary("AND", l, not());
        return l;
    }

    private Expr not() {
        if (c.eatKeyword("NOT")) return new Expr.Unary("NOT", not());
        if (c.peek() == '!' && c.charAt(c.pos() + 1) != '=') {
            c.eat("!");
            return new Expr.Unary("NOT", not());
        }
        return equality();
    }

    private Expr equality() {
        Expr l = relational();
        while (true) {
            if (c.eat("==")) l = new Expr.Binary("==", l, relational());
            else if (c.eat("!=")) l = new Expr.Binary("!=", l, relational());
            else if (c.peek() == '=' ) { c.eat("="); l = new Expr.Binary("=", l, relational()); }
            else if (c.eatKeyword("LIKE")) l = new Expr.Binary("LIKE", l, relational());
            else return l;
        }
    }

    private Expr relational() {
        Expr l = additive();
        while (true) {
            if (c.eat("<=")) l = new Expr.Binary("<=", l, additive());
            else if (c.eat(">=")) l = new Expr.Binary(">=", l, additive());
            else if (c.eat("<")) l = new Expr.Binary("<", l, additive());
            else if (c.eat(">")) l = new Expr.Binary(">", l, additive());
            else return l;
        }
    }

    private Expr additive() {
        Expr l = multiplicative();
        while (true) {
            char ch = c.peek();
            if (ch == '+' || ch == '-' || (ch == '.' && !Character.isDigit(c.charAt(c.pos() + 1)))) {
                c.eat(String.valueOf(ch));
                l = new Expr.Binary(String.valueOf(ch), l, multiplicative());
            } else return l;
        }
    }

    private Expr multiplicative() {
        Expr l = unary();
        while (true) {
            char ch = c.peek();
            if (ch == '*' || ch == '/' || ch == '%') {
                c.eat(String.valueOf(ch));
                l = new Expr.Binary(String.valueOf(ch), l, unary());
            } else return l;
        }
    }

    private Expr unary() {
        if (c.peek() == '-') {
            c.eat("-");
            Expr e = unary();
            if (e instanceof Expr.Lit lit && lit.value() instanceof Double d) return new Expr.Lit(-d);
            return new Expr.Unary("-", e);
        }
        if (c.peek() == '+') c.eat("+");
        return primary();
    }

    private Expr primary() {
        char ch = c.peek();
        int start = c.pos();
        if (ch == 0 || ch == '|') throw c.error("an expression");
        if (ch == '(') {
            c.eat("(");
            Expr e = or();
            if (!c.eat(")")) throw c.errorAt(start, "unbalanced parentheses: expected ')' to close the '(' here, found "
                    + c.found());
            return e;
        }
        if (ch == '"') return new Expr.Lit(c.quoted());
        if (ch == '\'') return new Expr.Field(c.fieldName("a field name"));
        if (Character.isDigit(ch) || (ch == '.' && Character.isDigit(c.charAt(c.pos() + 1)))) return number();
        if (Character.isLetter(ch) || ch == '_' || ch == '@') {
            int p = c.pos();
            while (p < c.text().length() && (Cursor.isWordChar(c.charAt(p)) || c.charAt(p) == '@')) p++;
            String name = c.text().substring(c.pos(), p);
            c.reset(p);
            if (c.peekRaw() == '(') return call(name, start);
            if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                // bare true/false are field names in Splunk; true()/false() are the constants.
            }
            return new Expr.Field(name);
        }
        throw c.error("an expression (a field, a number, a \"string\" or a function call)");
    }

    private Expr number() {
        int p = c.pos();
        String t = c.text();
        while (p < t.length() && (Character.isDigit(t.charAt(p)) || t.charAt(p) == '.')) p++;
        if (p < t.length() && (t.charAt(p) == 'e' || t.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < t.length() && (t.charAt(q) == '+' || t.charAt(q) == '-')) q++;
            if (q < t.length() && Character.isDigit(t.charAt(q))) {
                p = q;
                while (p < t.length() && Character.isDigit(t.charAt(p))) p++;
            }
        }
        Double d = Values.parseNumber(t.substring(c.pos(), p));
        if (d == null) throw c.error("a number");
        c.reset(p);
        return new Expr.Lit(d);
    }

    private Expr call(String name, int start) {
        String fn = name.toLowerCase(Locale.ROOT);
        int[] arity = Functions.arity(fn);
        if (arity == null) {
            String hint = DidYouMean.suggest(fn, Functions.names());
            throw c.errorAt(start, "unknown function '" + name + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
        }
        c.expect("(", "'('");
        List<Expr> args = new ArrayList<>();
        if (!c.eat(")")) {
            do {
                args.add(or());
            } while (c.eat(","));
            if (!c.eat(")")) throw c.error("',' or ')' in the arguments of " + fn + "()");
        }
        if (args.size() < arity[0] || (arity[1] >= 0 && args.size() > arity[1])) {
            String want = arity[1] < 0 ? "at least " + arity[0] : arity[0] == arity[1] ? String.valueOf(arity[0])
                    : arity[0] + " to " + arity[1];
            throw c.errorAt(start, "function " + fn + "() takes " + want + " argument(s), found " + args.size());
        }
        return new Expr.Call(fn, args);
    }
}

package dev.vigil.search.parse;

import dev.vigil.search.expr.SearchTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code search} command's terms with Splunk's precedence: parentheses, then NOT, then OR, then AND;
 * juxtaposition is an implicit AND and binds loosest ({@code a b OR c} is {@code a AND (b OR c)}). Boolean
 * operators are recognised only in upper case, as in Splunk. {@code earliest=}/{@code latest=} terms are
 * collected as the time range, not as filters.
 */
public final class SearchParser {
    private static final String WORD_STOPS = "()|=<>\"";
    private final Cursor c;
    private String earliest;
    private String latest;

    public SearchParser(Cursor c) {
        this.c = c;
    }

    /** The earliest= modifier seen, or null. */
    public String earliest() { return earliest; }
    /** The latest= modifier seen, or null. */
    public String latest() { return latest; }

    /** Parses terms up to the end of the command; an empty search matches everything. */
    public SearchTerm parse() {
        SearchTerm t = and();
        if (!c.atCommandEnd()) {
            if (c.peek() == ')') throw c.errorAt(c.pos(), "unbalanced parentheses: ')' without a matching '('");
            throw c.error("a search term");
        }
        return t == null ? new SearchTerm.All() : t;
    }

    private SearchTerm and() {
        List<SearchTerm> terms = new ArrayList<>();
        while (!c.atCommandEnd() && c.peek() != ')') {
            int before = c.pos();
            if (c.eatUpperKeyword("AND")) {
                if (terms.isEmpty()) throw c.errorAt(before, "expected a search term before AND");
                if (c.atCommandEnd() || c.peek() == ')') throw c.error("a search term after AND");
                continue;
            }
            SearchTerm t = or();
            if (t != null) terms.add(t);
        }
        if (terms.isEmpty()) return null;
        return terms.size() == 1 ? terms.get(0) : new SearchTerm.And(terms);
    }

    private SearchTerm or() {
        SearchTerm first = not();
        List<SearchTerm> terms = null;
        while (true) {
            int before = c.pos();
            if (!c.eatUpperKeyword("OR")) break;
            if (c.atCommandEnd() || c.peek() == ')') throw c.error("a search term after OR");
            SearchTerm next = not();
            if (next == null || first == null) throw c.errorAt(before, "OR cannot combine earliest=/latest= time modifiers");
            if (terms == null) {
                terms = new ArrayList<>();
                terms.add(first);
            }
            terms.add(next);
        }
        return terms == null ? first : new SearchTerm.Or(terms);
    }

    private SearchTerm not() {
        if (c.eatUpperKeyword("NOT")) {
            if (c.atCommandEnd() || c.peek() == ')') throw c.error("a search term after NOT");
            SearchTerm t = not();
            if (t == null) throw c.error("a search term after NOT, not a time modifier");
            return new SearchTerm.Not(t);
        }
        return primary();
    }

    /** One term; null for earliest=/latest= which set the range instead. */
    private SearchTerm primary() {
        c.skipWs();
        int start = c.pos();
        char ch = c.peekRaw();
        if (ch == '(') {
            c.eat("(");
            SearchTerm inner = and();
            if (!c.eat(")")) throw c.errorAt(start, "unbalanced parentheses: expected ')' to close the '(' here, found "
                    + c.found());
            if (inner == null) throw c.errorAt(start, "empty parentheses: expected a search term inside");
            return inner;
        }
        if (ch == '"') return new SearchTerm.Phrase(c.quoted());
        int wordAt = c.pos();
        String w = c.word(WORD_STOPS);
        if (w == null) throw c.error("a search term");
        if (w.equals("AND") || w.equals("OR") || w.equals("NOT") || w.equals("IN")) {
            throw c.errorAt(wordAt, "expected a search term, found the operator " + w + " (quote it to search for the word)");
        }
        if (w.length() > 1 && w.endsWith("!") && c.peekRaw() == '=') {
            w = w.substring(0, w.length() - 1);
            c.reset(c.pos() - 1);
        }
        char next = c.peekRaw();
        String op = null;
        if (next == '=') op = "=";
        else if (next == '!' && c.charAt(c.pos() + 1) == '=') op = "!=";
        else if (next == '<' || next == '>') op = c.charAt(c.pos() + 1) == '=' ? next + "=" : String.valueOf(next);
        if (op == null) {
            int save = c.pos();
            if (c.eatUpperKeyword("IN") && c.peek() == '(') return in(w);
            c.reset(save);
            return new SearchTerm.Keyword(w);
        }
        c.reset(c.pos() + op.length());
        char after = c.peekRaw();
        if (after == 0 || Character.isWhitespace(after) || after == '|' || after == ')') {
            throw c.error("a value after '" + w + op + "'");
        }
        String value = after == '"' ? c.quoted() : c.word("()|\"");
        if (value == null) throw c.error("a value after '" + w + op + "'");
        if (op.equals("=") && (w.equals("earliest") || w.equals("latest"))) {
            if (w.equals("earliest")) earliest = value;
            else latest = value;
            return null;
        }
        return new SearchTerm.Compare(w, op(op), value);
    }

    private SearchTerm in(String field) {
        c.expect("(", "'(' after IN");
        List<String> values = new ArrayList<>();
        while (true) {
            if (c.peek() == ')') break;
            values.add(c.value("a value in the IN list"));
            if (!c.eat(",")) {
                if (c.peek() != ')') continue;
            }
        }
        c.expect(")", "')' to close the IN list");
        if (values.isEmpty()) throw c.error("at least one value in IN (...)");
        return new SearchTerm.In(field, values);
    }

    private static SearchTerm.Op op(String s) {
        switch (s) {
            case "=": return SearchTerm.Op.EQ;
            case "!=": return SearchTerm.Op.NE;
            case "<": return SearchTerm.Op.LT;
            case "<=": return SearchTerm.Op.LE;
            case ">": return SearchTerm.Op.GT;
            default: return SearchTerm.Op.GE;
        }
    }
}

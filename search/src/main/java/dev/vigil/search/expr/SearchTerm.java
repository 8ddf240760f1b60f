package dev.vigil.search.expr;

import dev.vigil.index.query.Filter;
import dev.vigil.index.query.Matching;
import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Values;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code search} command's boolean tree over events. Matching delegates to the index's
 * {@link Matching} so a filter pushed down to the index and one checked here agree exactly. Field values compare case-insensitively with
 * wildcards; keywords and phrases match {@code _raw}. Immutable; {@link #explain} says why a row matched.
 */
public sealed interface SearchTerm {
    /** True when the row satisfies this term. */
    boolean matches(Row row);

    /** SPL text that parses back to an equal term. */
    String toSpl();

    /** Why this row matched (or null when it did not). */
    default String explain(Row row) {
        return matches(row) ? toSpl() : null;
    }

    /** Comparison operators of {@code field OP value}. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");
        public final String symbol;
        Op(String symbol) { this.symbol = symbol; }
    }

    /** Every child must match; implicit AND or explicit AND. */
    record And(List<SearchTerm> terms) implements SearchTerm {
        public And { terms = List.copyOf(terms); }
        public boolean matches(Row row) {
            for (SearchTerm t : terms) if (!t.matches(row)) return false;
            return true;
        }
        public String toSpl() {
            return terms.stream().map(t -> t instanceof Or || t instanceof And ? "(" + t.toSpl() + ")" : t.toSpl())
                    .collect(Collectors.joining(" "));
        }
        public String explain(Row row) {
            if (!matches(row)) return null;
            return terms.stream().map(t -> t.explain(row)).collect(Collectors.joining(" AND "));
        }
    }

    /** Any child matches. */
    record Or(List<SearchTerm> terms) implements SearchTerm {
        public Or { terms = List.copyOf(terms); }
        public boolean matches(Row row) {
            for (SearchTerm t : terms) if (t.matches(row)) return true;
            return false;
        }
        public String toSpl() {
            return terms.stream().map(t -> t instanceof And || t instanceof Or ? "(" + t.toSpl() + ")" : t.toSpl())
                    .collect(Collectors.joining(" OR "));
        }
        public String explain(Row row) {
            for (SearchTerm t : terms) if (t.matches(row)) return t.explain(row);
            return null;
        }
    }

    /** Negation: also matches events lacking the field a comparison names (unlike {@code !=}). */
    record Not(SearchTerm term) implements SearchTerm {
        public boolean matches(Row row) { return !term.matches(row); }
        public String toSpl() {
            return "NOT " + (term instanceof And || term instanceof Or ? "(" + term.toSpl() + ")" : term.toSpl());
        }
    }

    /** A bare word matched in {@code _raw} as a segment (Splunk's breakers); {@code *} wildcards allowed. */
    record Keyword(String text) implements SearchTerm {
        public boolean matches(Row row) {
            String raw = Values.toStr(row.get("_raw"));
            if (text.chars().allMatch(c -> c == '*')) return true;
            return raw != null && Matching.rawTermMatches(raw, text);
        }
        public String toSpl() { return text; }
        public String explain(Row row) { return matches(row) ? "_raw contains term " + text : null; }
    }

    /** A quoted phrase matched in {@code _raw} case-insensitively. */
    record Phrase(String text) implements SearchTerm {
        public boolean matches(Row row) {
            String raw = Values.toStr(row.get("_raw"));
            return raw != null && Matching.phraseMatches(raw, text);
        }
        public String toSpl() { return quote(text); }
        public String explain(Row row) { return matches(row) ? "_raw contains phrase " + quote(text) : null; }
    }

    /**
     * {@code field OP value}. {@code =} compares text, case-insensitive with wildcards; {@code !=}
     * needs the field to exist; ordering compares numbers numerically, other values lexicographically.
     */
    record Compare(String field, Op op, String value) implements SearchTerm {
        public boolean matches(Row row) {
            Object v = row.get(field);
            if (v == null) return false;
            List<Object> vals = Values.list(v);
            if (op == Op.EQ) return anyEquals(vals);
            if (op == Op.NE) return !anyEquals(vals);
            Filter.Op fop = op == Op.LT ? Filter.Op.LT : op == Op.LE ? Filter.Op.LE : op == Op.GT ? Filter.Op.GT : Filter.Op.GE;
            for (Object o : vals) if (Matching.compare(Values.toStr(o), fop, value)) return true;
            return false;
        }
        private boolean anyEquals(List<Object> vals) {
            for (Object o : vals) if (Matching.valueMatches(Values.toStr(o), value)) return true;
            return false;
        }
        public String toSpl() { return field + op.symbol + quoteIfNeeded(value); }
        public String explain(Row row) {
            return matches(row) ? field + "=" + Values.toStr(row.get(field)) + " satisfies " + toSpl() : null;
        }
    }

    /** {@code field IN (v1, v2, ...)}: any value equals (wildcards, case-insensitive). */
    record In(String field, List<String> values) implements SearchTerm {
        public In { values = List.copyOf(values); }
        public boolean matches(Row row) {
            for (String v : values) if (new Compare(field, Op.EQ, v).matches(row)) return true;
            return false;
        }
        public String toSpl() {
            return field + " IN (" + values.stream().map(SearchTerm::quoteIfNeeded).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** Matches every event ({@code *} or an empty search). */
    record All() implements SearchTerm {
        public boolean matches(Row row) { return true; }
        public String toSpl() { return "*"; }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String quoteIfNeeded(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || "\"(),|=!<>".indexOf(c) >= 0) return quote(s);
        }
        return s.isEmpty() ? "\"\"" : s;
    }
}

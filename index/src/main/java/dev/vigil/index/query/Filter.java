package dev.vigil.index.query;

import java.util.List;
import java.util.Objects;

/**
 * A boolean filter over events, the form SPL search terms compile into. Every node is an immutable
 * value with structural {@code equals}/{@code hashCode}, a readable {@code toString}, and can
 * {@link #matches evaluate} itself against one event and {@link #explain explain} why it matched.
 *
 * <p>Matching follows Splunk: values and terms are case-insensitive, {@code *} is a wildcard for any
 * run of characters, field names are case-sensitive. See docs/index.md for the exact semantics.
 */
public sealed interface Filter permits Filter.All, Filter.RawTerm, Filter.RawPhrase, Filter.FieldMatch,
        Filter.FieldRange, Filter.FieldExists, Filter.And, Filter.Or, Filter.Not {

    /** True when the event satisfies this filter. */
    boolean matches(FieldSource event);

    /** Why this filter matched the event (the parts and fields that matched), or null when it did not. */
    String explain(FieldSource event);

    /** Every event. */
    All ALL = new All();

    /** Matches every event. */
    record All() implements Filter {
        @Override public boolean matches(FieldSource e) { return true; }
        @Override public String explain(FieldSource e) { return "*"; }
        @Override public String toString() { return "*"; }
    }

    /**
     * A bare search term: matches when {@code _raw}, segmented by Splunk's breakers, holds it as a
     * segment (major or minor); may contain {@code *} wildcards. A term holding minor breakers
     * ({@code 10.0.0.1}) also matches as a breaker-bounded substring.
     */
    record RawTerm(String term) implements Filter {
        public RawTerm {
            Objects.requireNonNull(term, "term");
            if (term.isEmpty()) {
                throw new IllegalArgumentException("empty search term");
            }
        }
        @Override public boolean matches(FieldSource e) { return Matching.rawTermMatches(e.raw(), term); }
        @Override public String explain(FieldSource e) { return matches(e) ? "_raw has term " + term : null; }
        @Override public String toString() { return Matching.quoteIfNeeded(term); }
    }

    /** A quoted phrase: matches when {@code _raw} contains the text, case-insensitively ({@code *} still a wildcard). */
    record RawPhrase(String text) implements Filter {
        public RawPhrase {
            Objects.requireNonNull(text, "text");
        }
        @Override public boolean matches(FieldSource e) { return Matching.phraseMatches(e.raw(), text); }
        @Override public String explain(FieldSource e) { return matches(e) ? "_raw contains \"" + text + "\"" : null; }
        @Override public String toString() { return "\"" + text.replace("\"", "\\\"") + "\""; }
    }

    /** {@code field=value}: some value of the field equals {@code pattern} case-insensitively ({@code *} wildcards). */
    record FieldMatch(String field, String pattern) implements Filter {
        public FieldMatch {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }
        @Override public boolean matches(FieldSource e) { return explain(e) != null; }
        @Override public String explain(FieldSource e) {
            for (String v : e.values(field)) {
                if (Matching.valueMatches(v, pattern)) {
                    return field + "=" + v;
                }
            }
            return null;
        }
        @Override public String toString() { return field + "=" + Matching.quoteIfNeeded(pattern); }
    }

    /** Comparison operators of {@link FieldRange}. */
    enum Op {
        LT("<"), LE("<="), GT(">"), GE(">=");
        private final String symbol;
        Op(String symbol) { this.symbol = symbol; }
        /** The SPL spelling. */
        public String symbol() { return symbol; }
    }

    /**
     * {@code field<value} and friends: numeric when both sides are numbers, otherwise a
     * lexicographic comparison of the strings, as Splunk's search command does.
     */
    record FieldRange(String field, Op op, String value) implements Filter {
        public FieldRange {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
        @Override public boolean matches(FieldSource e) { return explain(e) != null; }
        @Override public String explain(FieldSource e) {
            for (String v : e.values(field)) {
                if (Matching.compare(v, op, value)) {
                    return field + "=" + v + " " + op.symbol() + " " + value;
                }
            }
            return null;
        }
        @Override public String toString() { return field + op.symbol() + Matching.quoteIfNeeded(value); }
    }

    /** {@code field=*}: the event has the field with any value. */
    record FieldExists(String field) implements Filter {
        public FieldExists {
            Objects.requireNonNull(field, "field");
        }
        @Override public boolean matches(FieldSource e) { return !e.values(field).isEmpty(); }
        @Override public String explain(FieldSource e) { return matches(e) ? field + " exists" : null; }
        @Override public String toString() { return field + "=*"; }
    }

    /** Every child matches (an empty list matches everything). */
    record And(List<Filter> children) implements Filter {
        public And {
            children = List.copyOf(children);
        }
        @Override public boolean matches(FieldSource e) {
            for (Filter c : children) {
                if (!c.matches(e)) {
                    return false;
                }
            }
            return true;
        }
        @Override public String explain(FieldSource e) {
            StringBuilder sb = new StringBuilder();
            for (Filter c : children) {
                String why = c.explain(e);
                if (why == null) {
                    return null;
                }
                sb.append(sb.length() == 0 ? "" : " AND ").append(why);
            }
            return sb.length() == 0 ? "*" : sb.toString();
        }
        @Override public String toString() { return Matching.join(children, " AND "); }
    }

    /** Some child matches (an empty list matches nothing). */
    record Or(List<Filter> children) implements Filter {
        public Or {
            children = List.copyOf(children);
        }
        @Override public boolean matches(FieldSource e) {
            for (Filter c : children) {
                if (c.matches(e)) {
                    return true;
                }
            }
            return false;
        }
        @Override public String explain(FieldSource e) {
            for (Filter c : children) {
                String why = c.explain(e);
                if (why != null) {
                    return why;
                }
            }
            return null;
        }
        @Override public String toString() { return Matching.join(children, " OR "); }
    }

    /** The child does not match. */
    record Not(Filter child) implements Filter {
        public Not {
            Objects.requireNonNull(child, "child");
        }
        @Override public boolean matches(FieldSource e) { return !child.matches(e); }
        @Override public String explain(FieldSource e) { return matches(e) ? "NOT (" + child + ")" : null; }
        @Override public String toString() { return "NOT " + (child instanceof And || child instanceof Or ? "(" + child + ")" : child.toString()); }
    }

    /** Shorthand for {@link And}. */
    static Filter and(Filter... children) { return new And(List.of(children)); }
    /** Shorthand for {@link Or}. */
    static Filter or(Filter... children) { return new Or(List.of(children)); }
    /** Shorthand for {@link Not}. */
    static Filter not(Filter child) { return new Not(child); }
    /** Shorthand for {@link RawTerm}. */
    static Filter term(String term) { return new RawTerm(term); }
    /** Shorthand for {@link FieldMatch}. */
    static Filter field(String field, String pattern) { return new FieldMatch(field, pattern); }
}

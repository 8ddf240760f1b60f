package dev.vigil.search.store;

import dev.vigil.index.query.Filter;
import dev.vigil.search.expr.SearchTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the {@code search} command's term tree into the index's {@link Filter} tree (pushdown). Both follow
 * Splunk's matching rules; {@code field!=v} becomes "the field exists and does not match", unlike
 * {@code NOT field=v}.
 */
public final class FilterCompiler {
    private FilterCompiler() {}

    public static Filter compile(SearchTerm t) {
        if (t instanceof SearchTerm.All) return Filter.ALL;
        if (t instanceof SearchTerm.Keyword k) {
            return k.text().chars().allMatch(c -> c == '*') ? Filter.ALL : new Filter.RawTerm(k.text());
        }
        if (t instanceof SearchTerm.Phrase p) return new Filter.RawPhrase(p.text());
        if (t instanceof SearchTerm.And a) return new Filter.And(all(a.terms()));
        if (t instanceof SearchTerm.Or o) return new Filter.Or(all(o.terms()));
        if (t instanceof SearchTerm.Not n) return new Filter.Not(compile(n.term()));
        if (t instanceof SearchTerm.In in) {
            List<Filter> any = new ArrayList<>();
            for (String v : in.values()) any.add(eq(in.field(), v));
            return new Filter.Or(any);
        }
        SearchTerm.Compare c = (SearchTerm.Compare) t;
        switch (c.op()) {
            case EQ: return eq(c.field(), c.value());
            case NE: return Filter.and(new Filter.FieldExists(c.field()), Filter.not(eq(c.field(), c.value())));
            case LT: return new Filter.FieldRange(c.field(), Filter.Op.LT, c.value());
            case LE: return new Filter.FieldRange(c.field(), Filter.Op.LE, c.value());
            case GT: return new Filter.FieldRange(c.field(), Filter.Op.GT, c.value());
            default: return new Filter.FieldRange(c.field(), Filter.Op.GE, c.value());
        }
    }

    private static Filter eq(String field, String value) {
        if (value.chars().allMatch(ch -> ch == '*') && !value.isEmpty()) return new Filter.FieldExists(field);
        return new Filter.FieldMatch(field, value);
    }

    private static List<Filter> all(List<SearchTerm> terms) {
        List<Filter> out = new ArrayList<>();
        for (SearchTerm t : terms) out.add(compile(t));
        return out;
    }
}

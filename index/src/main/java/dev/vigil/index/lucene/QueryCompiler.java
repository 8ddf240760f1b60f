package dev.vigil.index.lucene;

import dev.vigil.index.query.Filter;
import dev.vigil.index.query.Matching;
import dev.vigil.index.query.Segmenter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Compiles a {@link Filter} into a Lucene query for one partition. The query selects a superset of
 * the matching events; when it is not {@link Compiled#exact() exact}, each candidate is verified with
 * {@link Filter#matches}. Fields absent from the partition match nothing, so whole partitions drop out.
 */
final class QueryCompiler {
    private final String index;
    private final IndexReader reader;

    /** A compiled filter: the query, and whether its hits need no verification. */
    record Compiled(Query query, boolean exact) {
    }

    QueryCompiler(String index, IndexReader reader) {
        this.index = index;
        this.reader = reader;
    }

    Compiled compile(Filter f) throws IOException {
        if (f instanceof Filter.All) {
            return new Compiled(new MatchAllDocsQuery(), true);
        } else if (f instanceof Filter.RawTerm t) {
            return rawTerm(t.term());
        } else if (f instanceof Filter.RawPhrase p) {
            return new Compiled(allTerms(p.text()), false);
        } else if (f instanceof Filter.FieldMatch m) {
            return fieldMatch(m.field(), m.pattern());
        } else if (f instanceof Filter.FieldExists e) {
            return fieldExists(e.field());
        } else if (f instanceof Filter.FieldRange r) {
            Compiled exists = fieldExists(r.field());
            return new Compiled(exists.query(), false);
        } else if (f instanceof Filter.And a) {
            return and(a.children());
        } else if (f instanceof Filter.Or o) {
            return or(o.children());
        } else {
            Compiled c = compile(((Filter.Not) f).child());
            if (!c.exact()) {
                return new Compiled(new MatchAllDocsQuery(), false);
            }
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(new MatchAllDocsQuery(), Occur.FILTER);
            b.add(c.query(), Occur.MUST_NOT);
            return new Compiled(b.build(), true);
        }
    }

    private Compiled and(List<Filter> children) throws IOException {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean exact = true;
        int clauses = 0;
        for (Filter c : children) {
            Compiled cc = compile(c);
            exact &= cc.exact();
            if (cc.query() instanceof MatchNoDocsQuery && cc.exact()) {
                return cc;
            }
            if (!(cc.query() instanceof MatchAllDocsQuery)) {
                b.add(cc.query(), Occur.FILTER);
                clauses++;
            }
        }
        return new Compiled(clauses == 0 ? new MatchAllDocsQuery() : b.build(), exact);
    }

    private Compiled or(List<Filter> children) throws IOException {
        if (children.isEmpty()) {
            return new Compiled(new MatchNoDocsQuery(), true);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean exact = true;
        for (Filter c : children) {
            Compiled cc = compile(c);
            exact &= cc.exact();
            if (cc.query() instanceof MatchAllDocsQuery) {
                return new Compiled(cc.query(), exact && allExact(children));
            }
            b.add(cc.query(), Occur.SHOULD);
        }
        return new Compiled(b.build(), exact);
    }

    private boolean allExact(List<Filter> children) throws IOException {
        for (Filter c : children) {
            if (!compile(c).exact()) {
                return false;
            }
        }
        return true;
    }

    private Compiled rawTerm(String term) {
        String t = term.toLowerCase(Locale.ROOT);
        if (t.indexOf('*') >= 0) {
            if (t.chars().allMatch(c -> c == '*')) {
                return new Compiled(new MatchAllDocsQuery(), true);
            }
            // terms are indexed per major segment, so a pattern spanning a major breaker needs checking
            boolean exact = !hasMajor(t.replace("*", ""));
            return new Compiled(pattern(EventDocuments.RAW, t), exact);
        }
        if (!Segmenter.hasBreaker(t)) {
            return new Compiled(new TermQuery(new Term(EventDocuments.RAW, t)), true);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        if (!hasMajor(t)) {
            b.add(new TermQuery(new Term(EventDocuments.RAW, t)), Occur.SHOULD);
        }
        b.add(allTerms(t), Occur.SHOULD);
        return new Compiled(b.build(), false);
    }

    private static boolean hasMajor(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Segmenter.isMajor(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Every minor segment of the text (wildcard pieces left out) as a required term. */
    private static Query allTerms(String text) {
        List<String> terms = new ArrayList<>();
        for (String piece : text.split("\\*")) {
            Segmenter.segment(piece, terms::add);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int n = 0;
        for (String s : terms) {
            if (!Segmenter.hasBreaker(s)) {
                b.add(new TermQuery(new Term(EventDocuments.RAW, s)), Occur.FILTER);
                n++;
            }
        }
        return n == 0 ? new MatchAllDocsQuery() : b.build();
    }

    private Compiled fieldMatch(String field, String pattern) throws IOException {
        String p = pattern.toLowerCase(Locale.ROOT);
        switch (field) {
            case "index":
                return new Compiled(Matching.valueMatches(index, pattern) ? new MatchAllDocsQuery() : new MatchNoDocsQuery(), true);
            case "host":
            case "source":
            case "sourcetype":
                return new Compiled(p.equals("*") ? new MatchAllDocsQuery() : pattern(field, p), true);
            case "_raw":
                return new Compiled(allTerms(p), false);
            case "_time":
            case "_src":
            case "_long":
                return new Compiled(new MatchAllDocsQuery(), false);
            default:
                break;
        }
        if (p.equals("*")) {
            return fieldExists(field);
        }
        if (!hasField(reader, field)) {
            return new Compiled(new MatchNoDocsQuery(), true);
        }
        Query q = pattern(EventDocuments.FIELDS, field + "=" + p);
        if (reader.docFreq(new Term(EventDocuments.LONG_VALUES, field)) == 0) {
            return new Compiled(q, true);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(q, Occur.SHOULD);
        b.add(new TermQuery(new Term(EventDocuments.LONG_VALUES, field)), Occur.SHOULD);
        return new Compiled(b.build(), false);
    }

    /** True when some event of the reader has the extracted field. */
    static boolean hasField(IndexReader reader, String field) throws IOException {
        BytesRef prefix = new BytesRef(field + "=");
        for (LeafReaderContext ctx : reader.leaves()) {
            if (leafHasField(ctx, prefix)) {
                return true;
            }
        }
        return reader.docFreq(new Term(EventDocuments.LONG_VALUES, field)) > 0;
    }

    /** True when some event of the leaf has a {@code _f} term starting with {@code prefix}. */
    static boolean leafHasField(LeafReaderContext ctx, BytesRef prefix) throws IOException {
        Terms terms = ctx.reader().terms(EventDocuments.FIELDS);
        if (terms == null) {
            return false;
        }
        TermsEnum te = terms.iterator();
        return te.seekCeil(prefix) != TermsEnum.SeekStatus.END && StringHelper.startsWith(te.term(), prefix);
    }

    private Compiled fieldExists(String field) throws IOException {
        switch (field) {
            case "index": case "host": case "source": case "sourcetype": case "_raw": case "_time":
                return new Compiled(new MatchAllDocsQuery(), true);
            default:
                break;
        }
        if (!hasField(reader, field)) {
            return new Compiled(new MatchNoDocsQuery(), true);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new PrefixQuery(new Term(EventDocuments.FIELDS, field + "=")), Occur.SHOULD);
        b.add(new TermQuery(new Term(EventDocuments.LONG_VALUES, field)), Occur.SHOULD);
        return new Compiled(b.build(), true);
    }

    /** A term, prefix or wildcard query for a lowercased pattern where {@code *} is the only wildcard. */
    static Query pattern(String field, String p) {
        int star = p.indexOf('*');
        if (star < 0) {
            return new TermQuery(new Term(field, p));
        }
        if (star == p.length() - 1) {
            return new PrefixQuery(new Term(field, p.substring(0, star)));
        }
        StringBuilder sb = new StringBuilder(p.length() + 4);
        for (char c : p.toCharArray()) {
            if (c == '?' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return new WildcardQuery(new Term(field, sb.toString()));
    }
}

package dev.vigil.index.lucene;

import dev.vigil.index.StoredEvent;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a prepared event into a Lucene document. What is indexed is chosen for ingest speed:
 * {@code _raw} terms without frequencies or positions (phrases are verified on the stored text),
 * {@code _time} as a doc value only (a day partition is mostly searched whole; points cost more to
 * write than a doc-value scan of a partial day costs to read), host/source/sourcetype as lowercased keywords with their
 * original value as doc values, every extracted field as a {@code name=value} term of the single
 * {@code _f} field, doc values only for the configured aggregation fields, and everything else once,
 * in one stored blob. One instance per thread (it reuses its token streams and buffers).
 */
final class EventDocuments {
    static final String RAW = "_raw";
    static final String TIME = "_time";
    /** Every extracted field value as a {@code name=lowercased value} term. */
    static final String FIELDS = "_f";
    /** Names of fields with values too long to index, one term per such field in a document. */
    static final String LONG_VALUES = "_long";
    /** Field values longer than this are stored but not indexed. */
    static final int MAX_KEYWORD_CHARS = 256;

    static final FieldType TERMS_TYPE = new FieldType();

    static {
        TERMS_TYPE.setTokenized(true);
        TERMS_TYPE.setIndexOptions(IndexOptions.DOCS);
        TERMS_TYPE.setOmitNorms(true);
        TERMS_TYPE.setStored(false);
        TERMS_TYPE.freeze();
    }

    private final RawTokenStream tokens = new RawTokenStream();
    private final FieldTermsStream fieldTerms = new FieldTermsStream();
    private final ByteBuffersDataOutput buffer = new ByteBuffersDataOutput();
    private final Set<String> docValueFields;

    EventDocuments(Set<String> docValueFields) {
        this.docValueFields = docValueFields;
    }

    /** The stored blob of an event (a fresh copy). */
    BytesRef encode(StoredEvent e) throws IOException {
        return StoredCodec.encode(e, buffer);
    }

    Document build(StoredEvent e) throws IOException {
        return build(e, encode(e));
    }

    Document build(StoredEvent e, BytesRef blob) {
        Document d = new Document();
        d.add(new Field(RAW, tokens.setText(e.raw()), TERMS_TYPE));
        d.add(new NumericDocValuesField(TIME, e.timeMicros()));
        keyword(d, "host", e.host());
        keyword(d, "source", e.source());
        keyword(d, "sourcetype", e.sourcetype());
        fieldTerms.clear();
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            String name = f.getKey();
            boolean dv = docValueFields.contains(name);
            if (f.getValue() instanceof List<?> l) {
                for (Object o : l) {
                    field(d, name, String.valueOf(o), dv);
                }
            } else {
                field(d, name, String.valueOf(f.getValue()), dv);
            }
        }
        if (!fieldTerms.isEmpty()) {
            d.add(new Field(FIELDS, fieldTerms, TERMS_TYPE));
        }
        d.add(new StoredField(StoredCodec.FIELD, blob));
        return d;
    }

    private static void keyword(Document d, String name, String value) {
        String v = value.length() > MAX_KEYWORD_CHARS ? value.substring(0, MAX_KEYWORD_CHARS) : value;
        d.add(new StringField(name, lower(v), Field.Store.NO));
        d.add(new SortedDocValuesField(name, new BytesRef(v)));
    }

    private void field(Document d, String name, String value, boolean docValues) {
        if (value.length() > MAX_KEYWORD_CHARS) {
            // too long for a term: remember that this field has unindexed values, queries verify them
            d.add(new StringField(LONG_VALUES, name, Field.Store.NO));
            return;
        }
        fieldTerms.add(name, value);
        if (docValues) {
            d.add(new SortedSetDocValuesField(name, new BytesRef(value)));
        }
    }

    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 128) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }
}

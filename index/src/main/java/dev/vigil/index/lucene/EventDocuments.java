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
import org.apache.lucene.document.LongPoint;
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
 * {@code _time} as a point and a doc value, default fields and extracted fields as lowercased
 * keywords with their original value as doc values for aggregation, and everything else only once,
 * in one stored blob. One instance per thread (it reuses its token stream and buffers).
 */
final class EventDocuments {
    static final String RAW = "_raw";
    static final String TIME = "_time";
    /** Names of fields with values too long to index, one term per such field in a document. */
    static final String LONG_VALUES = "_long";
    static final Set<String> RESERVED = Set.of("_raw", "_time", "_src", "_long", "host", "source", "sourcetype", "index");
    /** Field values longer than this are stored but not indexed as keywords. */
    static final int MAX_KEYWORD_CHARS = 256;

    static final FieldType RAW_TYPE = new FieldType();

    static {
        RAW_TYPE.setTokenized(true);
        RAW_TYPE.setIndexOptions(IndexOptions.DOCS);
        RAW_TYPE.setOmitNorms(true);
        RAW_TYPE.setStored(false);
        RAW_TYPE.freeze();
    }

    private final RawTokenStream tokens = new RawTokenStream();
    private final ByteBuffersDataOutput buffer = new ByteBuffersDataOutput();

    Document build(StoredEvent e) throws IOException {
        Document d = new Document();
        d.add(new Field(RAW, tokens.setText(e.raw()), RAW_TYPE));
        d.add(new LongPoint(TIME, e.timeMicros()));
        d.add(new NumericDocValuesField(TIME, e.timeMicros()));
        keywordSingle(d, "host", e.host());
        keywordSingle(d, "source", e.source());
        keywordSingle(d, "sourcetype", e.sourcetype());
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (f.getValue() instanceof List<?> l) {
                for (Object o : l) {
                    keywordMulti(d, f.getKey(), String.valueOf(o));
                }
            } else {
                keywordMulti(d, f.getKey(), String.valueOf(f.getValue()));
            }
        }
        d.add(new StoredField(StoredCodec.FIELD, StoredCodec.encode(e, buffer)));
        return d;
    }

    private static void keywordSingle(Document d, String name, String value) {
        String v = value.length() > MAX_KEYWORD_CHARS ? value.substring(0, MAX_KEYWORD_CHARS) : value;
        d.add(new StringField(name, lower(v), Field.Store.NO));
        d.add(new SortedDocValuesField(name, new BytesRef(v)));
    }

    private static void keywordMulti(Document d, String name, String value) {
        if (value.length() > MAX_KEYWORD_CHARS) {
            // too long for a keyword: remember that this field has unindexed values, queries verify them
            d.add(new StringField(LONG_VALUES, name, Field.Store.NO));
            return;
        }
        d.add(new StringField(name, lower(value), Field.Store.NO));
        d.add(new SortedSetDocValuesField(name, new BytesRef(value)));
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

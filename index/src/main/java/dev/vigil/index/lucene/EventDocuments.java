package dev.vigil.index.lucene;

import dev.vigil.index.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * Turns prepared events into Lucene documents. What is indexed is chosen for ingest speed:
 * {@code _raw} terms without frequencies or positions (phrases are verified on the stored text),
 * {@code _time} as a doc value only (a day partition is mostly searched whole; points cost more to
 * write than a doc-value scan of a partial day costs to read), host/source/sourcetype as lowercased
 * keywords with their original value as doc values, every extracted field as a {@code name=value}
 * term of the single {@code _f} field, doc values only for the configured aggregation fields, and
 * everything else once, in one stored blob.
 *
 * <p>One instance per indexing thread, reused for every event: the blob is encoded once, straight into
 * the write-ahead log's record, and the document's fields (reused objects) point into those bytes;
 * {@code _raw} is segmented from the same UTF-8 bytes. A document returned here is valid until the next
 * one is built.
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
    /** The keyword fields every event has. */
    private static final String[] KEYWORDS = {"host", "source", "sourcetype"};

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
    private final Set<String> docValueFields;
    private final Field rawField = new Field(RAW, tokens, TERMS_TYPE);
    private final Field fieldsField = new Field(FIELDS, fieldTerms, TERMS_TYPE);
    private final NumericDocValuesField timeField = new NumericDocValuesField(TIME, 0L);
    private final Field[] keywordTerms = new Field[KEYWORDS.length];
    private final Field[] keywordValues = new Field[KEYWORDS.length];
    private final BytesRef[] keywordTermRefs = new BytesRef[KEYWORDS.length];
    private final BytesRef[] keywordValueRefs = new BytesRef[KEYWORDS.length];
    private final KeywordTokenStream[] keywordStreams = new KeywordTokenStream[KEYWORDS.length];
    private final StoredField storedField = new StoredField(StoredCodec.FIELD, new BytesRef());
    private final BytesRef storedRef = new BytesRef();
    /** Reusable doc-value fields per name (a multivalue field needs several in one document). */
    private final Map<String, List<Field>> docValuePool = new HashMap<>();
    private final Map<String, Integer> docValueUsed = new HashMap<>();
    private final List<IndexableField> doc = new ArrayList<>(32);
    /** Per-document bytes: keyword and doc-value values. */
    private final ByteScratch scratch = new ByteScratch(1024);
    /** Write-ahead log records of the events being appended (each ends with the event's blob). */
    private final ByteScratch log = new ByteScratch(1 << 16);
    private final CRC32C crc = new CRC32C();
    private final Map<String, byte[]> indexNames = new HashMap<>();
    /** Per encoded event: where its blob and its raw text sit in {@link #log}. */
    private int[] blobStart = new int[64];
    private int[] blobLength = new int[64];
    private long[] raw = new long[64];

    /** Adds one extracted field (all its values) to the document being built. */
    private final java.util.function.BiConsumer<String, Object> fieldAdder = this::addField;

    EventDocuments(Set<String> docValueFields) {
        this.docValueFields = new HashSet<>(docValueFields);
        for (int k = 0; k < KEYWORDS.length; k++) {
            keywordTermRefs[k] = new BytesRef();
            keywordValueRefs[k] = new BytesRef();
            keywordStreams[k] = new KeywordTokenStream();
            keywordTerms[k] = new Field(KEYWORDS[k], keywordStreams[k], TERMS_TYPE);
            keywordValues[k] = new SortedDocValuesField(KEYWORDS[k], new BytesRef());
        }
    }

    /** Starts a new run of records; the previous run's bytes are discarded. */
    void startRecords() {
        log.trim(8 << 20);
    }

    /** The records encoded since {@link #startRecords()}, in the write-ahead log's format. */
    java.nio.ByteBuffer records() {
        return java.nio.ByteBuffer.wrap(log.bytes(), 0, log.size());
    }

    /**
     * Encodes the event as record number {@code i} of this run: the log record (length, CRC-32C, index
     * name, blob; see {@link Translog}). Throws {@link IllegalArgumentException} for a record over the
     * log's maximum, leaving the run as it was.
     */
    void encode(int i, StoredEvent e) {
        if (i >= blobStart.length) {
            int n = Math.max(i + 1, blobStart.length * 2);
            blobStart = java.util.Arrays.copyOf(blobStart, n);
            blobLength = java.util.Arrays.copyOf(blobLength, n);
            raw = java.util.Arrays.copyOf(raw, n);
        }
        byte[] ix = indexNames.computeIfAbsent(e.index(), x -> x.getBytes(StandardCharsets.UTF_8));
        int head = log.skip(8);
        log.writeByte(ix.length);
        log.writeBytes(ix, 0, ix.length);
        int blob = log.size();
        long r = StoredCodec.encode(e, log);
        int len = log.size() - head - 8;
        if (len > Translog.MAX_RECORD_BYTES) {
            log.truncate(head);
            throw new IllegalArgumentException("event of " + len + " bytes exceeds the maximum " + Translog.MAX_RECORD_BYTES);
        }
        crc.reset();
        crc.update(log.bytes(), head + 8, len); // the index name's length byte, the name, the blob
        log.putInt(head, len);
        log.putInt(head + 4, (int) crc.getValue());
        blobStart[i] = blob;
        blobLength[i] = log.size() - blob;
        raw[i] = r;
    }

    /** The documents of records {@code from..to} of this run, built one at a time as Lucene reads them. */
    Iterable<List<IndexableField>> documents(StoredEvent[] events, int from, int to) {
        return () -> new Iterator<>() {
            private int i = from;

            @Override
            public boolean hasNext() {
                return i < to;
            }

            @Override
            public List<IndexableField> next() {
                int k = i++;
                return build(events[k], log.bytes(), blobStart[k], blobLength[k], raw[k]);
            }
        };
    }

    /** One event's document on its own (replay of the log): the blob is encoded here. */
    List<IndexableField> document(StoredEvent e) {
        startRecords();
        encode(0, e);
        return build(e, log.bytes(), blobStart[0], blobLength[0], raw[0]);
    }

    private List<IndexableField> build(StoredEvent e, byte[] bytes, int blob, int blobLen, long rawAt) {
        doc.clear();
        int rawStart = (int) (rawAt >>> 32);
        int rawLen = (int) rawAt;
        if (rawLen == e.raw().length()) {
            tokens.setAscii(bytes, rawStart, rawStart + rawLen); // as many bytes as characters: ASCII
        } else {
            tokens.setText(e.raw());
        }
        rawField.setTokenStream(tokens);
        doc.add(rawField);
        timeField.setLongValue(e.timeMicros());
        doc.add(timeField);
        scratch.reset();
        keyword(0, e.host());
        keyword(1, e.source());
        keyword(2, e.sourcetype());
        fieldTerms.clear();
        docValueUsed.clear();
        e.fields().forEach(fieldAdder);
        if (!fieldTerms.isEmpty()) {
            fieldsField.setTokenStream(fieldTerms);
            doc.add(fieldsField);
        }
        storedRef.bytes = bytes;
        storedRef.offset = blob;
        storedRef.length = blobLen;
        storedField.setBytesValue(storedRef);
        doc.add(storedField);
        return doc;
    }

    private void keyword(int k, String value) {
        String v = value.length() > MAX_KEYWORD_CHARS ? value.substring(0, MAX_KEYWORD_CHARS) : value;
        int at = scratch.writeUtf8(v);
        int len = scratch.size() - at;
        set(keywordValueRefs[k], at, len);
        if (len == v.length()) {
            // ASCII: lowercase the bytes
            int lo = scratch.skip(len);
            byte[] b = scratch.bytes();
            for (int i = 0; i < len; i++) {
                byte c = b[at + i];
                b[lo + i] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
            }
            set(keywordTermRefs[k], lo, len);
        } else {
            int lo = scratch.writeUtf8(lower(v));
            set(keywordTermRefs[k], lo, scratch.size() - lo);
        }
        keywordTerms[k].setTokenStream(keywordStreams[k].set(keywordTermRefs[k]));
        keywordValues[k].setBytesValue(keywordValueRefs[k]);
        doc.add(keywordTerms[k]);
        doc.add(keywordValues[k]);
    }

    private void set(BytesRef ref, int offset, int length) {
        ref.bytes = scratch.bytes(); // after the write: the array may have grown
        ref.offset = offset;
        ref.length = length;
    }

    private void addField(String name, Object value) {
        boolean dv = docValueFields.contains(name);
        if (value instanceof List<?> l) {
            for (Object o : l) {
                field(name, String.valueOf(o), dv);
            }
        } else {
            field(name, String.valueOf(value), dv);
        }
    }

    private void field(String name, String value, boolean docValues) {
        if (value.length() > MAX_KEYWORD_CHARS) {
            // too long for a term: remember that this field has unindexed values, queries verify them
            doc.add(new StringField(LONG_VALUES, name, Field.Store.NO));
            return;
        }
        fieldTerms.add(name, value);
        if (docValues) {
            int used = docValueUsed.merge(name, 1, Integer::sum) - 1;
            List<Field> pool = docValuePool.computeIfAbsent(name, x -> new ArrayList<>(1));
            if (used == pool.size()) {
                pool.add(new SortedSetDocValuesField(name, new BytesRef()));
            }
            int at = scratch.writeUtf8(value);
            BytesRef ref = new BytesRef(scratch.bytes(), at, scratch.size() - at);
            Field f = pool.get(used);
            f.setBytesValue(ref);
            doc.add(f);
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

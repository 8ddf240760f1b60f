package dev.vigil.index.lucene;

import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntroSorter;

/**
 * A search as a lazy stream: partitions are visited one UTC day at a time, newest day first; within a
 * day the hits of every selected index are gathered with their {@code _time} and sorted newest first,
 * then read from the stored fields one by one and, when the query is not exact, verified.
 */
final class EventSearch {
    private final LuceneEventStore store;
    private final EventQuery query;

    EventSearch(LuceneEventStore store, EventQuery query) {
        this.store = store;
        this.query = query;
    }

    Stream<StoredEvent> stream() {
        DayIterator it = new DayIterator(store.partitionsFor(query));
        Stream<StoredEvent> s = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(it::close);
        return query.limit() > 0 ? s.limit(query.limit()) : s;
    }

    /** Hits of one day: parallel arrays sorted together. */
    private static final class Hits extends IntroSorter {
        long[] times = new long[256];
        int[] docs = new int[256];
        int[] parts = new int[256];
        int size;
        private long pivot;

        void add(long time, int doc, int part) {
            if (size == times.length) {
                int n = size * 2;
                times = java.util.Arrays.copyOf(times, n);
                docs = java.util.Arrays.copyOf(docs, n);
                parts = java.util.Arrays.copyOf(parts, n);
            }
            times[size] = time;
            docs[size] = doc;
            parts[size] = part;
            size++;
        }

        @Override
        protected void swap(int i, int j) {
            long t = times[i]; times[i] = times[j]; times[j] = t;
            int d = docs[i]; docs[i] = docs[j]; docs[j] = d;
            int p = parts[i]; parts[i] = parts[j]; parts[j] = p;
        }

        @Override
        protected int compare(int i, int j) {
            int c = Long.compare(times[j], times[i]);
            return c != 0 ? c : Integer.compare(docs[j], docs[i]);
        }

        @Override
        protected void setPivot(int i) {
            pivot = times[i];
            pivotDoc = docs[i];
        }

        private int pivotDoc;

        @Override
        protected int comparePivot(int j) {
            int c = Long.compare(times[j], pivot);
            return c != 0 ? c : Integer.compare(docs[j], pivotDoc);
        }
    }

    private final class DayIterator implements Iterator<StoredEvent>, AutoCloseable {
        private final List<Partition> remaining;
        private List<PartitionQuery> open = new ArrayList<>();
        private List<StoredFields> stored = new ArrayList<>();
        private Hits hits;
        private int next;
        private StoredEvent pending;

        DayIterator(List<Partition> partitions) {
            this.remaining = new ArrayList<>(partitions);
        }

        @Override
        public boolean hasNext() {
            try {
                while (pending == null) {
                    if (hits != null && next < hits.size) {
                        int i = next++;
                        PartitionQuery pq = open.get(hits.parts[i]);
                        StoredEvent e = read(stored.get(hits.parts[i]), hits.docs[i], pq.partition.index);
                        if (pq.exact || query.filter().matches(e)) {
                            pending = e;
                        }
                    } else if (!nextDay()) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public StoredEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoredEvent e = pending;
            pending = null;
            return e;
        }

        private boolean nextDay() throws IOException {
            releaseDay();
            if (remaining.isEmpty()) {
                return false;
            }
            LocalDate day = remaining.get(0).day;
            hits = new Hits();
            next = 0;
            while (!remaining.isEmpty() && remaining.get(0).day.equals(day)) {
                PartitionQuery pq = PartitionQuery.open(remaining.remove(0), query);
                if (pq == null) {
                    continue;
                }
                int part = open.size();
                open.add(pq);
                stored.add(pq.lease.searcher().getIndexReader().storedFields());
                collect(pq, part, hits);
            }
            if (query.order() == EventQuery.Order.NEWEST_FIRST && hits.size > 1) {
                hits.sort(0, hits.size);
            }
            return true;
        }

        private void releaseDay() throws IOException {
            for (PartitionQuery pq : open) {
                pq.close();
            }
            open = new ArrayList<>();
            stored = new ArrayList<>();
            hits = null;
        }

        @Override
        public void close() {
            try {
                releaseDay();
                remaining.clear();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void collect(PartitionQuery pq, int part, Hits hits) throws IOException {
        pq.lease.searcher().search(pq.query, new Collector() {
            @Override
            public LeafCollector getLeafCollector(LeafReaderContext ctx) {
                int base = ctx.docBase;
                return new LeafCollector() {
                    // opened at the first hit: most leaves of a rare-term search have none
                    private NumericDocValues times;
                    private boolean opened;

                    @Override
                    public void setScorer(Scorable scorer) {
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (!opened) {
                            times = ctx.reader().getNumericDocValues(EventDocuments.TIME);
                            opened = true;
                        }
                        long t = times != null && times.advanceExact(doc) ? times.longValue() : 0;
                        hits.add(t, base + doc, part);
                    }
                };
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        });
    }

    /** Reads one event's stored blob. */
    static StoredEvent read(StoredFields fields, int doc, String index) throws IOException {
        BytesRef[] blob = new BytesRef[1];
        fields.document(doc, new StoredFieldVisitor() {
            @Override
            public Status needsField(FieldInfo fi) {
                if (blob[0] != null) {
                    return Status.STOP;
                }
                return fi.name.equals(StoredCodec.FIELD) ? Status.YES : Status.NO;
            }

            @Override
            public void binaryField(FieldInfo fi, byte[] value) {
                blob[0] = new BytesRef(value);
            }
        });
        if (blob[0] == null) {
            throw new IOException("document " + doc + " of index " + index + " has no stored event");
        }
        return StoredCodec.decode(blob[0], index);
    }
}

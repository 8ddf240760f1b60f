package dev.vigil.index.lucene;

import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.ValueCount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Aggregations pushed down to the index: counts, counts by value, counts by time bucket. An exact
 * query over a field with doc values is answered from the doc values alone; otherwise matching events
 * are read and verified one by one, with the same result.
 */
final class Aggregations {
    /** Name under which timechart counts events lacking the by-field (Splunk's NULL series). */
    static final String NULL = "NULL";
    private final LuceneEventStore store;
    private final EventQuery query;

    Aggregations(LuceneEventStore store, EventQuery query) {
        this.store = store;
        this.query = query;
    }

    /** Work on one partition's prepared query; null partitions (nothing to match) are skipped. */
    private interface PartitionWork<T> {
        T run(PartitionQuery pq) throws IOException;
    }

    /** Runs the work on every partition of the query, in parallel, results in partition order. */
    private <T> List<T> eachPartition(PartitionWork<T> work) throws IOException {
        List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
        for (Partition p : store.partitionsFor(query)) {
            futures.add(store.searchPool().submit(() -> {
                try (PartitionQuery pq = PartitionQuery.open(p, query)) {
                    return pq == null ? null : work.run(pq);
                }
            }));
        }
        List<T> out = new ArrayList<>();
        for (java.util.concurrent.Future<T> f : futures) {
            try {
                T t = f.get();
                if (t != null) {
                    out.add(t);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
        return out;
    }

    long count() throws IOException {
        long total = 0;
        for (long n : eachPartition(pq -> pq.exact ? (long) pq.lease.searcher().count(pq.query) : slow(pq, e -> { }))) {
            total += n;
        }
        return total;
    }

    List<ValueCount> countBy(String field, int limit) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Long> part : eachPartition(pq -> countPartition(pq, field))) {
            part.forEach((v, c) -> counts.merge(v, c, Long::sum));
        }
        List<ValueCount> rows = new ArrayList<>();
        counts.forEach((v, c) -> rows.add(new ValueCount(v, c)));
        rows.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.value().compareTo(b.value()));
        return limit > 0 && rows.size() > limit ? new ArrayList<>(rows.subList(0, limit)) : rows;
    }

    private Map<String, Long> countPartition(PartitionQuery pq, String field) throws IOException {
        if (field.equals("index")) {
            Map<String, Long> counts = new HashMap<>();
            long n = pq.exact ? pq.lease.searcher().count(pq.query) : slow(pq, e -> { });
            if (n > 0) {
                counts.put(pq.partition.index, n);
            }
            return counts;
        }
        if (pq.exact && hasDocValues(pq, field)) {
            IndexReader reader = pq.lease.searcher().getIndexReader();
            if (pq.query instanceof MatchAllDocsQuery) {
                // the whole partition: the same answer until its reader changes
                return store.aggregationCache().get(reader.getReaderCacheHelper(), "countBy " + field,
                        () -> countLeaves(pq, field), Aggregations::sizeOf);
            }
            return countLeaves(pq, field);
        }
        Map<String, Long> counts = new HashMap<>();
        slow(pq, e -> {
            for (String v : distinct(e.values(field))) {
                counts.merge(v, 1L, Long::sum);
            }
        });
        return counts;
    }

    private Map<String, Long> countLeaves(PartitionQuery pq, String field) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        for (LeafReaderContext ctx : pq.lease.searcher().getIndexReader().leaves()) {
            countLeaf(pq, ctx, field, counts);
        }
        return counts;
    }

    /** Rough heap bytes of a value-count map, for the cache budget. */
    private static long sizeOf(Map<String, Long> m) {
        long b = 64;
        for (String k : m.keySet()) {
            b += 96 + 2L * k.length();
        }
        return b;
    }

    SortedMap<Long, Map<String, Long>> histogram(long spanSeconds, String byField) throws IOException {
        SortedMap<Long, Map<String, Long>> out = new TreeMap<>();
        for (SortedMap<Long, Map<String, Long>> part : eachPartition(pq -> histogramPartition(pq, spanSeconds, byField))) {
            part.forEach((bucket, row) -> {
                Map<String, Long> target = out.computeIfAbsent(bucket, k -> new HashMap<>());
                row.forEach((v, c) -> target.merge(v, c, Long::sum));
            });
        }
        return out;
    }

    private SortedMap<Long, Map<String, Long>> histogramPartition(PartitionQuery pq, long spanSeconds, String byField)
            throws IOException {
        long spanMicros = spanSeconds * 1_000_000L;
        boolean fast = pq.exact && (byField == null || byField.equals("index") || hasDocValues(pq, byField));
        if (fast) {
            IndexReader reader = pq.lease.searcher().getIndexReader();
            if (pq.query instanceof MatchAllDocsQuery) {
                return store.aggregationCache().get(reader.getReaderCacheHelper(), "histogram " + spanSeconds + " " + byField,
                        () -> histogramLeaves(pq, spanMicros, byField), m -> 64 + 128L * m.size() + 96L * m.values().stream().mapToLong(Map::size).sum());
            }
            return histogramLeaves(pq, spanMicros, byField);
        }
        SortedMap<Long, Map<String, Long>> out = new TreeMap<>();
        slow(pq, e -> {
            long bucket = Math.floorDiv(e.timeMicros(), spanMicros) * spanSeconds;
            Map<String, Long> row = out.computeIfAbsent(bucket, k -> new HashMap<>());
            List<String> vs = byField == null ? List.of("count") : distinct(e.values(byField));
            if (vs.isEmpty()) {
                vs = List.of(NULL);
            }
            for (String v : vs) {
                row.merge(v, 1L, Long::sum);
            }
        });
        return out;
    }

    private SortedMap<Long, Map<String, Long>> histogramLeaves(PartitionQuery pq, long spanMicros, String byField)
            throws IOException {
        SortedMap<Long, Map<String, Long>> out = new TreeMap<>();
        for (LeafReaderContext ctx : pq.lease.searcher().getIndexReader().leaves()) {
            histogramLeaf(pq, ctx, spanMicros, byField, out);
        }
        return out;
    }

    private static boolean hasDocValues(PartitionQuery pq, String field) throws IOException {
        if (field.equals("host") || field.equals("source") || field.equals("sourcetype")) {
            return true;
        }
        IndexSearcher s = pq.lease.searcher();
        if (s.getIndexReader().docFreq(new Term(EventDocuments.LONG_VALUES, field)) > 0) {
            return false; // some values too long for doc values: count from the stored events
        }
        BytesRef prefix = new BytesRef(field + "=");
        for (LeafReaderContext ctx : s.getIndexReader().leaves()) {
            FieldInfo fi = ctx.reader().getFieldInfos().fieldInfo(field);
            boolean dv = fi != null && (fi.getDocValuesType() == DocValuesType.SORTED_SET
                    || fi.getDocValuesType() == DocValuesType.SORTED);
            if (!dv && QueryCompiler.leafHasField(ctx, prefix)) {
                return false; // indexed without doc values (not a doc-value field when written)
            }
        }
        return true;
    }

    /** The matching documents of a leaf; null when none. */
    private static DocIdSetIterator matching(PartitionQuery pq, LeafReaderContext ctx) throws IOException {
        if (pq.query instanceof MatchAllDocsQuery) {
            return DocIdSetIterator.all(ctx.reader().maxDoc());
        }
        IndexSearcher s = pq.lease.searcher();
        Weight w = s.createWeight(s.rewrite(pq.query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer sc = w.scorer(ctx);
        return sc == null ? null : sc.iterator();
    }

    private void countLeaf(PartitionQuery pq, LeafReaderContext ctx, String field, Map<String, Long> counts)
            throws IOException {
        SortedSetDocValues values = DocValues.getSortedSet(ctx.reader(), field);
        if (values.getValueCount() == 0) {
            return;
        }
        int[] ords;
        if (pq.query instanceof MatchAllDocsQuery && ctx.reader().getLiveDocs() == null) {
            // a whole segment: cached for as long as the segment lives
            ords = store.aggregationCache().get(ctx.reader().getCoreCacheHelper(), "ords " + field,
                    () -> LeafCounts.ords(DocValues.getSortedSet(ctx.reader(), field), null), o -> 16 + 4L * o.length);
        } else {
            DocIdSetIterator it = matching(pq, ctx);
            if (it == null) {
                return;
            }
            ords = LeafCounts.ords(values, it);
        }
        LeafCounts.resolve(values, ords, counts);
    }

    private void histogramLeaf(PartitionQuery pq, LeafReaderContext ctx, long spanMicros, String byField,
                               SortedMap<Long, Map<String, Long>> out) throws IOException {
        boolean constant = byField == null || byField.equals("index");
        long first = Math.floorDiv(pq.partition.startMicros(), spanMicros);
        long last = Math.floorDiv(pq.partition.endMicros() - 1, spanMicros);
        int buckets = (int) (last - first + 1);
        SortedSetDocValues values = constant ? null : DocValues.getSortedSet(ctx.reader(), byField);
        LeafCounts.Histogram h;
        if (pq.query instanceof MatchAllDocsQuery && ctx.reader().getLiveDocs() == null) {
            h = store.aggregationCache().get(ctx.reader().getCoreCacheHelper(), "histogram " + spanMicros + " " + byField,
                    () -> LeafCounts.histogram(ctx.reader(), null, spanMicros, first, buckets,
                            constant ? null : DocValues.getSortedSet(ctx.reader(), byField)),
                    LeafCounts.Histogram::bytes);
        } else {
            DocIdSetIterator it = matching(pq, ctx);
            if (it == null) {
                return;
            }
            h = LeafCounts.histogram(ctx.reader(), it, spanMicros, first, buckets, values);
        }
        long spanSeconds = spanMicros / 1_000_000L;
        String constantName = byField == null ? "count" : pq.partition.index;
        String[] names = LeafCounts.names(values, h);
        h.forEach((b, slot, c) -> {
            String name = slot == 0 ? (constant ? constantName : NULL) : names[slot - 1];
            out.computeIfAbsent((first + b) * spanSeconds, k -> new HashMap<>()).merge(name, c, Long::sum);
        });
    }

    /** Reads and verifies every matching event of a partition; returns how many matched. */
    private long slow(PartitionQuery pq, java.util.function.Consumer<StoredEvent> sink) throws IOException {
        IndexSearcher s = pq.lease.searcher();
        StoredFields stored = s.getIndexReader().storedFields();
        long n = 0;
        for (LeafReaderContext ctx : s.getIndexReader().leaves()) {
            DocIdSetIterator it = matching(pq, ctx);
            if (it == null) {
                continue;
            }
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                StoredEvent e = EventSearch.read(stored, ctx.docBase + doc, pq.partition.index);
                if (pq.exact || query.filter().matches(e)) {
                    sink.accept(e);
                    n++;
                }
            }
        }
        return n;
    }

    private static List<String> distinct(List<String> values) {
        return values.size() <= 1 ? values : new ArrayList<>(new java.util.LinkedHashSet<>(values));
    }
}

package dev.vigil.index.lucene;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.IndexReader;

/**
 * Results of whole-segment and whole-partition aggregations, reused while the segment or the
 * partition's reader is unchanged. Valid because a Lucene segment never changes and this store never
 * deletes single documents: a reader (identified by its cache key) always holds the same events.
 * Entries go when their reader closes, and the least recently used beyond the byte budget.
 */
final class AggregationCache {
    private final long budgetBytes;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    /** Readers whose closing we listen to (one listener per reader). */
    private final Set<Object> listening = new HashSet<>();
    private long bytes;
    private long hits;
    private long misses;

    private record Key(Object reader, String what) {
    }

    private record Entry(Object value, long bytes) {
    }

    /** Computes a value that may be cached. */
    interface Compute<T> {
        T get() throws IOException;
    }

    AggregationCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * The cached value for {@code what} over the reader behind {@code helper}, computed (outside the
     * lock) when absent. {@code helper} null (a reader that cannot say when it closes) is never cached.
     */
    <T> T get(IndexReader.CacheHelper helper, String what, Compute<T> compute, java.util.function.ToLongFunction<T> size)
            throws IOException {
        if (helper == null || budgetBytes <= 0) {
            return compute.get();
        }
        Key key = new Key(helper.getKey(), what);
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null) {
                hits++;
                @SuppressWarnings("unchecked")
                T v = (T) e.value();
                return v;
            }
            misses++;
        }
        T v = compute.get();
        long b = size.applyAsLong(v);
        if (b > budgetBytes / 4) {
            return v; // one result may not push everything else out
        }
        boolean listen;
        synchronized (this) {
            if (!entries.containsKey(key)) {
                entries.put(key, new Entry(v, b));
                bytes += b;
                evict();
            }
            listen = listening.add(key.reader());
        }
        if (listen) {
            helper.addClosedListener(this::removeReader);
        }
        return v;
    }

    private void evict() {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (bytes > budgetBytes && it.hasNext()) {
            bytes -= it.next().getValue().bytes();
            it.remove();
        }
    }

    private synchronized void removeReader(Object readerKey) {
        listening.remove(readerKey);
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> e = it.next();
            if (Objects.equals(e.getKey().reader(), readerKey)) {
                bytes -= e.getValue().bytes();
                it.remove();
            }
        }
    }

    /** Bytes held (estimated). */
    synchronized long bytes() {
        return bytes;
    }

    /** Lookups answered from the cache. */
    synchronized long hits() {
        return hits;
    }

    /** Lookups that computed. */
    synchronized long misses() {
        return misses;
    }
}

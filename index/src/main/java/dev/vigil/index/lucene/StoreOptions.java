package dev.vigil.index.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of a {@link LuceneEventStore}.
 *
 * @param dataDir the data directory; partitions live under {@code dataDir/index/}
 * @param commitInterval the longest time an appended event waits to be on disk (the write-ahead log is
 *     forced to disk a few times per interval); zero forces it before every {@code append} returns
 *     (default 1 s: events received over TCP are on disk within a second)
 * @param luceneCommitInterval how often the Lucene indexes themselves are committed, after which the
 *     write-ahead log before that point is deleted (default 60 s; bounds the replay after a crash)
 * @param refreshInterval how often new events become searchable (default 500 ms)
 * @param ramBufferMb indexing buffer per open partition writer
 * @param maxOpenWriters partitions written at once; the least recently written is committed and closed beyond this
 * @param defaultIndex the index of events that name none (Splunk's {@code main})
 * @param indexThreads threads that index one large batch in parallel
 * @param docValueFields extracted fields kept as doc values too, so that counts by their value
 *     ({@code stats count by F}, {@code top F}) are answered without reading events
 * @param aggregationCacheBytes heap for reusing whole-segment and whole-partition counts between searches
 *     (0 disables; default 64 MiB)
 */
public record StoreOptions(Path dataDir, Duration commitInterval, Duration luceneCommitInterval, Duration refreshInterval, double ramBufferMb,
                           int maxOpenWriters, String defaultIndex, int indexThreads, Set<String> docValueFields,
                           long aggregationCacheBytes) {

    /** The fields aggregated most often in security searches (CIM names, Zeek and rsyslog names). */
    public static final Set<String> DEFAULT_DOC_VALUE_FIELDS = Set.of("action", "clientip", "dest", "id.orig_h",
            "id.resp_h", "id.resp_p", "query", "src", "status", "user");

    public StoreOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (luceneCommitInterval.isZero() || luceneCommitInterval.isNegative()) {
            throw new IllegalArgumentException("Lucene commit interval " + luceneCommitInterval + " must be positive");
        }
        if (refreshInterval.isZero() || refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refresh interval " + refreshInterval + " must be positive");
        }
        if (commitInterval.isNegative()) {
            throw new IllegalArgumentException("commit interval " + commitInterval + " is negative");
        }
        if (maxOpenWriters < 1) {
            throw new IllegalArgumentException("maxOpenWriters " + maxOpenWriters + " must be at least 1");
        }
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("ramBufferMb " + ramBufferMb + " must be at least 1");
        }
        IndexNames.check(defaultIndex);
        indexThreads = Math.max(1, indexThreads);
        docValueFields = Set.copyOf(docValueFields);
        if (aggregationCacheBytes < 0) {
            throw new IllegalArgumentException("aggregationCacheBytes " + aggregationCacheBytes + " is negative");
        }
    }

    /** The default heap for reusing aggregation results. */
    public static final long DEFAULT_AGGREGATION_CACHE_BYTES = 64L << 20;

    /** Defaults: on disk within a second, Lucene commits every minute, refresh every 500 ms, 64 MB per writer, 4 writers, index {@code main}. */
    public static StoreOptions defaults(Path dataDir) {
        return new StoreOptions(dataDir, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMillis(500), 64, 4, "main",
                Runtime.getRuntime().availableProcessors(), DEFAULT_DOC_VALUE_FIELDS, DEFAULT_AGGREGATION_CACHE_BYTES);
    }

    /** These options with another commit interval. */
    public StoreOptions withCommitInterval(Duration d) {
        return new StoreOptions(dataDir, d, luceneCommitInterval, refreshInterval, ramBufferMb, maxOpenWriters, defaultIndex, indexThreads, docValueFields, aggregationCacheBytes);
    }

    /** These options with another Lucene commit interval. */
    public StoreOptions withLuceneCommitInterval(Duration d) {
        return new StoreOptions(dataDir, commitInterval, d, refreshInterval, ramBufferMb, maxOpenWriters, defaultIndex,
                indexThreads, docValueFields, aggregationCacheBytes);
    }

    /** These options with another refresh interval. */
    public StoreOptions withRefreshInterval(Duration d) {
        return new StoreOptions(dataDir, commitInterval, luceneCommitInterval, d, ramBufferMb, maxOpenWriters, defaultIndex, indexThreads, docValueFields, aggregationCacheBytes);
    }

    /** These options with another writer RAM buffer. */
    public StoreOptions withRamBufferMb(double mb) {
        return new StoreOptions(dataDir, commitInterval, luceneCommitInterval, refreshInterval, mb, maxOpenWriters, defaultIndex, indexThreads, docValueFields, aggregationCacheBytes);
    }

    /** These options with other doc-value fields. */
    public StoreOptions withDocValueFields(Set<String> fields) {
        return new StoreOptions(dataDir, commitInterval, luceneCommitInterval, refreshInterval, ramBufferMb, maxOpenWriters, defaultIndex,
                indexThreads, fields, aggregationCacheBytes);
    }

    /** These options with another aggregation cache size (0 disables it). */
    public StoreOptions withAggregationCacheBytes(long bytes) {
        return new StoreOptions(dataDir, commitInterval, luceneCommitInterval, refreshInterval, ramBufferMb, maxOpenWriters, defaultIndex,
                indexThreads, docValueFields, bytes);
    }

    /** These options with another number of indexing threads. */
    public StoreOptions withIndexThreads(int n) {
        return new StoreOptions(dataDir, commitInterval, luceneCommitInterval, refreshInterval, ramBufferMb, maxOpenWriters, defaultIndex, n, docValueFields, aggregationCacheBytes);
    }
}

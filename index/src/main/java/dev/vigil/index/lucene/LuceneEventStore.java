package dev.vigil.index.lucene;

import dev.vigil.core.event.Event;
import dev.vigil.index.EventPreparer;
import dev.vigil.index.EventQuery;
import dev.vigil.index.EventStore;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.ValueCount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link EventStore}: one Lucene index per index name per UTC day under
 * {@code DATA/index/<index>/<yyyy-mm-dd>/}. New events are searchable after the refresh interval and
 * durable after the commit interval; a crash loses at most the uncommitted events, never an
 * acknowledged one, and the indexes reopen cleanly (Lucene commits are atomic).
 */
public final class LuceneEventStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneEventStore.class);
    /** Batches of at least this many events are indexed by several threads. */
    static final int PARALLEL_CHUNK = 1024;
    private static final long DAY_MICROS = 86_400_000_000L;

    private final StoreOptions options;
    private final Path root;
    private final EventPreparer preparer;
    private final PartitionSet partitions;
    private final ReentrantReadWriteLock appendLock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService background;
    /** Merges idle past days; apart from {@link #background} so that refreshes never wait for a merge. */
    private final ScheduledExecutorService compaction;
    private final ExecutorService indexers;
    private final ExecutorService searchers;
    private final AggregationCache aggregationCache;
    private final ThreadLocal<EventDocuments> documents;
    private final Object durableMonitor = new Object();
    private final Translog translog;
    /** Held while this process owns the store; another process opening the directory gets read-only access. */
    private final java.nio.channels.FileChannel lockChannel;
    private final java.nio.channels.FileLock lock;
    private final boolean readOnly;
    /** Directory of the write-ahead log under DATA/index (index names cannot start with '_'). */
    static final String TRANSLOG_DIR = "_translog";
    private final Object commitLock = new Object();
    private long appendedSeq;
    private volatile long durableSeq;
    private volatile boolean closed;
    private volatile boolean closing;

    /** Opens (creating when needed) the store under {@code options.dataDir()}. */
    public LuceneEventStore(StoreOptions options) throws IOException {
        this.options = options;
        this.root = options.dataDir().resolve("index");
        this.preparer = new EventPreparer(options.defaultIndex());
        this.documents = ThreadLocal.withInitial(() -> new EventDocuments(options.docValueFields()));
        this.aggregationCache = new AggregationCache(options.aggregationCacheBytes());
        Files.createDirectories(root);
        this.partitions = new PartitionSet(root);
        Path logDir = root.resolve(TRANSLOG_DIR);
        Files.createDirectories(logDir);
        this.lockChannel = java.nio.channels.FileChannel.open(logDir.resolve("store.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // this JVM already has the store open for writing
        }
        this.lock = l;
        this.readOnly = l == null;
        if (readOnly) {
            LOG.info("{} is in use by another process: opened read-only (committed events only)", options.dataDir());
            this.translog = null;
        } else {
            this.translog = new Translog(logDir);
            replay();
        }
        this.background = Executors.newScheduledThreadPool(2, r -> daemon(r, "vigil-index-maintenance"));
        this.indexers = Executors.newFixedThreadPool(options.indexThreads(), r -> daemon(r, "vigil-indexer"));
        this.searchers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                r -> daemon(r, "vigil-aggregation"));
        long refresh = options.refreshInterval().toMillis();
        background.scheduleWithFixedDelay(this::refreshQuietly, refresh, refresh, TimeUnit.MILLISECONDS);
        if (!options.commitInterval().isZero() && !readOnly) {
            // a few log syncs per interval, so an event waits at most about one interval, sync included
            long sync = Math.max(5, options.commitInterval().toMillis() / 4);
            background.scheduleWithFixedDelay(this::syncQuietly, sync, sync, TimeUnit.MILLISECONDS);
        }
        this.compaction = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-index-compaction"));
        if (!readOnly) {
            compaction.scheduleWithFixedDelay(this::compactQuietly, 1, 1, TimeUnit.MINUTES);
            long lucene = options.luceneCommitInterval().toMillis();
            background.scheduleWithFixedDelay(this::luceneCommitQuietly, lucene, lucene, TimeUnit.MILLISECONDS);
        }
    }

    /** Re-adds the logged events that the partitions' last commits lack, then commits them. */
    private void replay() throws IOException {
        long[] replayed = {0};
        EventDocuments docs = documents.get();
        for (Path file : translog.replayFiles()) {
            IOException[] failure = {null};
            Translog.read(file, entry -> {
                try {
                    StoredEvent e = StoredCodec.decode(new org.apache.lucene.util.BytesRef(entry.blob()), entry.index());
                    Partition p = partitionFor(e);
                    if (entry.gen() >= p.committedGen()) {
                        p.writer(options.ramBufferMb()).addDocument(docs.document(e));
                        p.needsCommit = true;
                        p.needsRefresh = true;
                        replayed[0]++;
                    }
                } catch (IOException | RuntimeException ex) {
                    if (failure[0] == null) {
                        failure[0] = ex instanceof IOException io ? io : new IOException(ex);
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        if (replayed[0] > 0) {
            LOG.info("replayed {} events from the translog", replayed[0]);
        }
        commitLucene(null);
        refreshAll(true);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** True when another process owns the store and this one only reads committed events. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Threads that aggregate partitions in parallel. */
    ExecutorService searchPool() {
        return searchers;
    }

    /** Whole-segment and whole-partition aggregation results, reused while their readers live. */
    AggregationCache aggregationCache() {
        return aggregationCache;
    }

    /** The options this store runs with. */
    public StoreOptions options() {
        return options;
    }

    @Override
    public long append(List<Event> events) throws IOException {
        ensureOpen();
        if (readOnly) {
            throw new IOException(options.dataDir() + " is in use by another process (opened read-only)");
        }
        long seq;
        appendLock.readLock().lock();
        try {
            if (events.size() >= 2 * PARALLEL_CHUNK && options.indexThreads() > 1) {
                appendParallel(events);
            } else {
                appendRange(events, 0, events.size());
            }
            synchronized (this) {
                seq = ++appendedSeq;
            }
        } finally {
            appendLock.readLock().unlock();
        }
        if (options.commitInterval().isZero()) {
            syncTranslog();
        }
        return seq;
    }

    private void appendParallel(List<Event> events) throws IOException {
        int n = events.size();
        int chunks = Math.min(options.indexThreads(), (n + PARALLEL_CHUNK - 1) / PARALLEL_CHUNK);
        int per = (n + chunks - 1) / chunks;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 1; c < chunks; c++) {
            int from = c * per;
            int to = Math.min(n, from + per);
            futures.add(indexers.submit(() -> {
                appendRange(events, from, to);
                return null;
            }));
        }
        appendRange(events, 0, Math.min(n, per));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while indexing", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }
    }

    /**
     * Prepares events {@code from..to}, encodes their log records, adds each run of events of one
     * partition to its writer as one block, then writes the records to the log.
     */
    private void appendRange(List<Event> events, int from, int to) throws IOException {
        EventDocuments docs = documents.get();
        int n = to - from;
        StoredEvent[] prepared = new StoredEvent[n];
        Partition[] parts = new Partition[n];
        docs.startRecords();
        for (int k = 0; k < n; k++) {
            StoredEvent e = preparer.prepare(events.get(from + k));
            prepared[k] = e;
            // events come in runs of one partition: compare with the previous one before a map lookup
            StoredEvent prev = k > 0 ? prepared[k - 1] : null;
            parts[k] = prev != null && prev.index().equals(e.index())
                    && Math.floorDiv(prev.timeMicros(), DAY_MICROS) == Math.floorDiv(e.timeMicros(), DAY_MICROS)
                    ? parts[k - 1] : partitionFor(e);
            docs.encode(k, e);
        }
        for (int k = 0; k < n; ) {
            Partition p = parts[k];
            int end = k + 1;
            while (end < n && parts[end] == p) {
                end++;
            }
            p.writer(options.ramBufferMb()).addDocuments(docs.documents(prepared, k, end));
            p.needsRefresh = true;
            p.needsCommit = true;
            p.lastWriteNanos = System.nanoTime();
            k = end;
        }
        translog.write(docs.records());
    }

    private Partition partitionFor(StoredEvent e) {
        Partition p = partitions.lookup(e);
        if (p == null) {
            p = partitions.create(e);
            evictWriters(p);
        }
        return p;
    }

    /** Keeps at most maxOpenWriters writers: the least recently written are committed and closed. */
    private void evictWriters(Partition keep) {
        List<Partition> open = new ArrayList<>();
        for (Partition p : partitions.values()) {
            if (p != keep && p.hasWriter()) {
                open.add(p);
            }
        }
        if (open.size() < options.maxOpenWriters() || background == null) {
            return; // during replay every writer stays open until the commit that ends it
        }
        open.sort(Comparator.comparingLong(p -> p.lastWriteNanos));
        int excess = open.size() - options.maxOpenWriters() + 1;
        for (Partition victim : open.subList(0, excess)) {
            background.execute(() -> closeWriterQuietly(victim));
        }
    }

    private void closeWriterQuietly(Partition p) {
        try {
            commitLucene(p);
        } catch (IOException | RuntimeException e) {
            LOG.error("closing the writer of partition {} failed", p, e);
        }
    }

    @Override
    public long durableSequence() {
        return durableSeq;
    }

    @Override
    public boolean awaitDurable(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (durableMonitor) {
            while (durableSeq < sequence) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return durableSeq >= sequence;
                }
                TimeUnit.NANOSECONDS.timedWait(durableMonitor, left);
            }
            return true;
        }
    }

    @Override
    public void flush() throws IOException {
        syncTranslog();
        refreshAll(true);
    }

    /** Commits the Lucene indexes now (normally done every {@code luceneCommitInterval}). */
    public void commit() throws IOException {
        commitLucene(null);
    }

    /** Forces the write-ahead log to disk: everything appended before is durable. */
    void syncTranslog() throws IOException {
        if (readOnly) {
            return;
        }
        long target;
        synchronized (this) {
            target = appendedSeq;
        }
        if (target == durableSeq) {
            return;
        }
        translog.sync();
        markDurable(target);
    }

    private void markDurable(long target) {
        synchronized (durableMonitor) {
            if (target > durableSeq) {
                durableSeq = target;
            }
            durableMonitor.notifyAll();
        }
    }

    /**
     * Commits the Lucene indexes in two phases: under the write lock (no append in flight) the log
     * rolls to a new generation and every written partition flushes, recording that generation; then
     * the commits are made durable and the older log generations deleted. Closes {@code toClose}'s
     * writer afterwards when nothing was written to it meanwhile.
     */
    void commitLucene(Partition toClose) throws IOException {
        if (readOnly) {
            return;
        }
        synchronized (commitLock) {
            List<Partition> prepared = new ArrayList<>();
            long gen;
            long target;
            appendLock.writeLock().lock();
            try {
                gen = translog.roll();
                for (Partition p : partitions.values()) {
                    if (p.prepareCommit(gen)) {
                        prepared.add(p);
                    }
                }
                synchronized (this) {
                    target = appendedSeq;
                }
            } finally {
                appendLock.writeLock().unlock();
            }
            markDurable(target); // roll() forced the previous generation to disk
            for (Partition p : prepared) {
                p.finishCommit();
            }
            translog.deleteBelow(gen);
        }
        if (toClose != null) {
            // outside the commit lock: a merge may take minutes, periodic commits go on meanwhile
            // a past day is complete: merge it down to one segment once, so searches visit fewer
            boolean pastDay = toClose.day.isBefore(LocalDate.now(ZoneOffset.UTC));
            if (pastDay) {
                toClose.forceMerge();
            }
            synchronized (commitLock) {
                appendLock.writeLock().lock();
                try {
                    if (!toClose.needsCommit) {
                        if (pastDay) {
                            toClose.commitMerge();
                        }
                        toClose.closeWriter();
                    }
                } finally {
                    appendLock.writeLock().unlock();
                }
            }
        }
    }

    /** A past day's partition untouched this long is merged to one segment and its writer closed. */
    static final Duration COMPACT_IDLE = Duration.ofMinutes(5);

    /**
     * Merges to one segment every past day's partition idle for {@link #COMPACT_IDLE} (or {@code idle})
     * and closes its writer: late events still reopen it, and most searches then visit one segment
     * per past day. Runs in the background every minute; callable directly (benchmarks, tools).
     */
    public void compactPastDays(Duration idle) throws IOException {
        if (readOnly) {
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long now = System.nanoTime();
        for (Partition p : partitions.values()) {
            if (closing || !p.day.isBefore(today) || now - p.lastWriteNanos < idle.toNanos()) {
                continue;
            }
            if (p.hasWriter() || p.segmentCount() > 1) {
                p.writer(options.ramBufferMb());
                commitLucene(p);
            }
        }
    }

    private void compactQuietly() {
        try {
            compactPastDays(COMPACT_IDLE);
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                LOG.error("compacting past days failed (searches stay correct, with more segments)", e);
            }
        }
    }

    private void syncQuietly() {
        try {
            syncTranslog();
        } catch (IOException | RuntimeException e) {
            LOG.error("forcing the translog to disk failed; events stay unacknowledged until it succeeds", e);
        }
    }

    private void luceneCommitQuietly() {
        try {
            commitLucene(null);
        } catch (IOException | RuntimeException e) {
            LOG.error("index commit failed; the translog keeps the events", e);
        }
    }

    private void refreshAll(boolean force) throws IOException {
        for (Partition p : partitions.values()) {
            if (force) {
                p.needsRefresh = true;
            }
            p.refresh();
        }
    }

    private void refreshQuietly() {
        try {
            refreshAll(readOnly);
        } catch (IOException | RuntimeException e) {
            LOG.error("index refresh failed", e);
        }
    }

    /** The partitions a query may touch, newest day first. */
    List<Partition> partitionsFor(EventQuery q) {
        return partitions.select(q);
    }

    @Override
    public Stream<StoredEvent> search(EventQuery query) throws IOException {
        ensureOpen();
        return new EventSearch(this, query).stream();
    }

    @Override
    public long count(EventQuery query) throws IOException {
        ensureOpen();
        return new Aggregations(this, query).count();
    }

    @Override
    public List<ValueCount> countBy(EventQuery query, String field, int limit) throws IOException {
        ensureOpen();
        return new Aggregations(this, query).countBy(field, limit);
    }

    @Override
    public SortedMap<Long, Map<String, Long>> histogram(EventQuery query, Duration span, String byField)
            throws IOException {
        ensureOpen();
        if (span.toSeconds() < 1) {
            throw new IllegalArgumentException("histogram span " + span + " is shorter than one second");
        }
        return new Aggregations(this, query).histogram(span.toSeconds(), byField);
    }

    @Override
    public List<String> indexes() {
        return partitions.indexes();
    }

    /** Every partition (for retention), any order. */
    public List<PartitionInfo> partitions() {
        List<PartitionInfo> out = new ArrayList<>();
        for (Partition p : partitions.values()) {
            out.add(new PartitionInfo(p.index, p.day, p.path, p.sizeBytes()));
        }
        return out;
    }

    /** Deletes one partition: its events disappear from searches at once. Returns false when absent. */
    public boolean deletePartition(String index, LocalDate day) throws IOException {
        if (readOnly) {
            throw new IOException(options.dataDir() + " is in use by another process (opened read-only)");
        }
        // commit first, so that no logged event of the partition is replayed after it is gone
        commitLucene(null);
        appendLock.writeLock().lock();
        try {
            Partition p = partitions.remove(index, day);
            if (p == null) {
                return false;
            }
            p.delete();
            return true;
        } finally {
            appendLock.writeLock().unlock();
        }
    }

    /**
     * A partition as retention sees it.
     *
     * @param index index name
     * @param day the UTC day it holds
     * @param path its directory
     * @param sizeBytes bytes on disk
     */
    public record PartitionInfo(String index, LocalDate day, Path path, long sizeBytes) {
        /** The instant the partition's day ends: everything in it is older than this. */
        public Instant end() {
            return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the event store is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closing = true;
        background.shutdown();
        compaction.shutdown();
        try {
            background.awaitTermination(30, TimeUnit.SECONDS);
            // a compaction still merging is aborted when its writer closes below; its merge is simply lost
            compaction.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        indexers.shutdown();
        searchers.shutdown();
        commitLucene(null);
        closed = true;
        synchronized (durableMonitor) {
            durableMonitor.notifyAll();
        }
        IOException first = null;
        for (Partition p : partitions.values()) {
            try {
                p.close();
            } catch (IOException | UncheckedIOException e) {
                if (first == null) {
                    first = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
                }
            }
        }
        if (translog != null) {
            translog.close();
        }
        if (lock != null) {
            lock.release();
        }
        lockChannel.close();
        if (first != null) {
            throw first;
        }
    }
}

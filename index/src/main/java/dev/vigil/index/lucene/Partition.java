package dev.vigil.index.lucene;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One index's events of one UTC day: a Lucene index in its own directory, with a writer opened on
 * demand and a searcher manager (near-real-time while the writer is open).
 */
final class Partition implements Closeable {
    final String index;
    final LocalDate day;
    final Path path;
    private Directory dir;
    private IndexWriter writer;
    private SearcherManager manager;
    volatile boolean needsRefresh;
    volatile boolean needsCommit;
    volatile long lastWriteNanos;

    Partition(String index, LocalDate day, Path path) {
        this.index = index;
        this.day = day;
        this.path = path;
        this.lastWriteNanos = System.nanoTime() - (1L << 62); // long ago (nanoTime differences wrap correctly)
    }

    /** Start of the day in epoch microseconds. */
    long startMicros() {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
    }

    /** End of the day (exclusive) in epoch microseconds. */
    long endMicros() {
        return startMicros() + 86_400L * 1_000_000L;
    }

    synchronized boolean hasWriter() {
        return writer != null;
    }

    /** The writer, opened when needed. */
    synchronized IndexWriter writer(double ramBufferMb) throws IOException {
        if (writer == null) {
            Files.createDirectories(path);
            if (dir == null) {
                dir = FSDirectory.open(path);
            }
            writer = new IndexWriter(dir, config(ramBufferMb));
            if (manager != null) {
                manager.close();
            }
            manager = new SearcherManager(writer, true, false, null);
        }
        return writer;
    }

    private static IndexWriterConfig config(double ramBufferMb) {
        IndexWriterConfig c = new IndexWriterConfig(null);
        c.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        c.setRAMBufferSizeMB(ramBufferMb);
        c.setMaxBufferedDocs(IndexWriterConfig.DISABLE_AUTO_FLUSH);
        c.setUseCompoundFile(false);
        TieredMergePolicy mp = new TieredMergePolicy();
        mp.setNoCFSRatio(0.0);
        mp.setFloorSegmentMB(32);
        // wider tiers: each event is rewritten by fewer merges (the search cost of more segments is small)
        mp.setSegmentsPerTier(20);
        c.setMergePolicy(mp);
        ConcurrentMergeScheduler ms = new ConcurrentMergeScheduler();
        // one merge thread: the other core keeps indexing
        ms.setMaxMergesAndThreads(4, 1);
        c.setMergeScheduler(ms);
        // commits carry the translog generation: only the store's two-phase commit may make them
        c.setCommitOnClose(false);
        return c;
    }

    /** Closes a writer with nothing uncommitted; searches continue on the committed index. */
    synchronized void closeWriter() throws IOException {
        if (writer == null) {
            return;
        }
        if (needsCommit) {
            throw new IllegalStateException("partition " + this + " has uncommitted events");
        }
        manager.close();
        writer.close();
        writer = null;
        manager = new SearcherManager(dir, null);
    }

    /** Commit user data key: the translog generation from which this partition's events must be replayed. */
    static final String TRANSLOG_GEN = "translog_gen";
    private long committedGen = -1;

    /**
     * First phase of a commit, under the store's write lock: flushes what was written and records
     * that translog generations from {@code gen} on hold what this commit lacks. False when nothing
     * was written since the last commit.
     */
    synchronized boolean prepareCommit(long gen) throws IOException {
        if (writer == null || !needsCommit) {
            return false;
        }
        needsCommit = false;
        writer.setLiveCommitData(java.util.Map.of(TRANSLOG_GEN, Long.toString(gen)).entrySet());
        writer.prepareCommit();
        committedGen = gen;
        return true;
    }

    /** Second phase: makes the prepared commit durable. */
    void finishCommit() throws IOException {
        IndexWriter w;
        synchronized (this) {
            w = writer;
        }
        w.commit();
    }

    /** Merges the partition's segments into one (may take seconds; appends may continue meanwhile). */
    void forceMerge() throws IOException {
        IndexWriter w;
        synchronized (this) {
            w = writer;
        }
        if (w != null) {
            try {
                w.forceMerge(1, true);
            } catch (org.apache.lucene.store.AlreadyClosedException e) {
                // another path (eviction, compaction, close) closed this writer meanwhile: nothing left to merge here
            }
        }
    }

    /**
     * Commits a merge. Only when nothing was appended since the last commit (the caller holds the
     * store's write lock and checked {@link #needsCommit}): the commit keeps that commit's translog generation.
     */
    synchronized void commitMerge() throws IOException {
        if (writer != null && !needsCommit) {
            writer.commit();
        }
    }

    /** The translog generation from which events of this partition are missing from its last commit. */
    synchronized long committedGen() throws IOException {
        if (committedGen < 0) {
            committedGen = 0;
            if (Files.isDirectory(path)) {
                if (dir == null) {
                    dir = FSDirectory.open(path);
                }
                if (DirectoryReader.indexExists(dir)) {
                    String g = org.apache.lucene.index.SegmentInfos.readLatestCommit(dir).getUserData().get(TRANSLOG_GEN);
                    committedGen = g == null ? 0 : Long.parseLong(g);
                }
            }
        }
        return committedGen;
    }

    /** Makes recent writes searchable. */
    void refresh() throws IOException {
        SearcherManager m;
        synchronized (this) {
            m = manager;
        }
        if (m != null && needsRefresh) {
            needsRefresh = false;
            m.maybeRefreshBlocking();
        }
    }

    /** A searcher, or null when the partition holds no index yet; release it with {@link Lease#close()}. */
    synchronized Lease acquire() throws IOException {
        if (manager == null) {
            if (dir == null) {
                if (!Files.isDirectory(path)) {
                    return null;
                }
                dir = FSDirectory.open(path);
            }
            if (!DirectoryReader.indexExists(dir)) {
                return null;
            }
            manager = new SearcherManager(dir, null);
        }
        SearcherManager m = manager;
        return new Lease(m, m.acquire());
    }

    /** Segments of the partition's current searcher (0 when it holds no index). */
    int segmentCount() throws IOException {
        Lease l = acquire();
        if (l == null) {
            return 0;
        }
        try {
            return l.searcher().getIndexReader().leaves().size();
        } finally {
            l.close();
        }
    }

    /** Bytes on disk. */
    long sizeBytes() {
        if (!Files.isDirectory(path)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException e) {
                    return 0; // a file merged away while we listed
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            // uncommitted events stay in the translog and are replayed on the next open
            manager.close();
            manager = null;
            writer.close();
            writer = null;
        }
        if (manager != null) {
            manager.close();
            manager = null;
        }
        if (dir != null) {
            dir.close();
            dir = null;
        }
    }

    /** Closes everything and removes the partition's directory. */
    synchronized void delete() throws IOException {
        if (writer != null) {
            writer.rollback();
            writer = null;
        }
        close();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(path);
        }
    }

    @Override
    public String toString() {
        return index + "/" + day;
    }

    /** A searcher on loan from a partition's manager. */
    record Lease(SearcherManager manager, IndexSearcher searcher) implements Closeable {
        @Override
        public void close() throws IOException {
            manager.release(searcher);
        }
    }
}

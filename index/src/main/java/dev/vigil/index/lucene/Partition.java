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
        c.setMergePolicy(mp);
        ConcurrentMergeScheduler ms = new ConcurrentMergeScheduler();
        // one merge thread: the other core keeps indexing
        ms.setMaxMergesAndThreads(4, 1);
        c.setMergeScheduler(ms);
        c.setCommitOnClose(true);
        return c;
    }

    /** Commits and closes the writer; searches continue on the committed index. */
    synchronized void closeWriter() throws IOException {
        if (writer == null) {
            return;
        }
        writer.commit();
        needsCommit = false;
        manager.close();
        writer.close();
        writer = null;
        manager = new SearcherManager(dir, null);
    }

    /** Commits what was written; returns false when there was nothing to commit. */
    boolean commit() throws IOException {
        IndexWriter w;
        synchronized (this) {
            w = writer;
        }
        if (w == null || !needsCommit) {
            return false;
        }
        needsCommit = false;
        w.commit();
        return true;
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
            closeWriter();
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

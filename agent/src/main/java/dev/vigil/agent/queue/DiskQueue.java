package dev.vigil.agent.queue;

import dev.vigil.agent.stats.Stats;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The agent's durable queue: append-only segment files of CRC-framed records, a checkpoint of the acknowledged
 * sequence number, whole segments deleted once acknowledged, a bound on total size (back-pressure), and the
 * followed files' positions written in the same records as their events.
 *
 * <p>One thread writes (the readers of files and login records: {@link #track}, {@link #append},
 * {@link #flush}); one thread ships ({@link #poll}, {@link #acknowledge}, {@link #rewind}). Events are handed
 * to the shipper only once written and, unless the sync policy is NONE, forced to disk.
 */
public final class DiskQueue implements ShipQueue, Closeable {
    private static final int BUFFER = 1 << 20;
    private static final int WRITE_AT = 512 << 10;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final QueueSettings settings;
    private final Stats stats;
    private final QueueLock dirLock;
    private final Checkpoint checkpoint;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dataReady = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    private final TreeMap<Long, Seg> segments;
    private volatile long totalBytes;
    private volatile long acked;
    private volatile boolean closed;
    private final boolean fresh;

    // writer side
    private final Codec.Out out = new Codec.Out(BUFFER);
    private final List<FileState> live;
    private long[] liveOffset;
    private Seg wseg;
    private FileChannel wch;
    private long nextSeq;
    private long bufferedLastSeq;
    private volatile long writtenLastSeq;
    private boolean dirty;
    private long lastSyncNanos = System.nanoTime();
    private boolean failing;
    private long failingSince;
    private long lastTryNanos;
    private boolean full;
    private long fullSince;

    // shipper side
    private final SegmentReader reader;

    private DiskQueue(QueueSettings settings, Stats stats, QueueLock dirLock, QueueRecovery r) throws IOException {
        this.settings = settings;
        this.stats = stats;
        this.dirLock = dirLock;
        this.segments = r.segments;
        this.reader = new SegmentReader(lock, segments);
        this.fresh = r.segments.isEmpty() && r.acked == 0;
        this.live = r.live;
        this.liveOffset = new long[Math.max(16, live.size())];
        for (int i = 0; i < live.size(); i++) {
            liveOffset[i] = live.get(i) == null ? 0 : live.get(i).offset();
        }
        this.nextSeq = r.nextSeq;
        this.bufferedLastSeq = r.nextSeq - 1;
        this.writtenLastSeq = bufferedLastSeq;
        this.acked = r.acked;
        this.checkpoint = new Checkpoint(settings.dir(), r.checkpointCounter);
        long total = 0;
        for (Seg s : segments.values()) {
            total += s.bytes;
        }
        totalBytes = total;
        stats.gauge("queue_bytes", "bytes in queue segments", () -> totalBytes);
        stats.gauge("queue_segments", "queue segment files", this::segmentCount);
        stats.gauge("queue_acked_seq", "the highest acknowledged sequence number", () -> acked);
        stats.gauge("queue_unacked_events", "events queued and not yet acknowledged",
                () -> Math.max(0, writtenLastSeq - acked));
        roll();
        if (!writeOut()) {
            throw new IOException("queue: cannot begin a segment in " + settings.dir());
        }
        rewind();
    }

    /**
     * Opens (or creates) the queue in {@code settings.dir()}, recovering what a previous run left.
     *
     * @throws QueueDamagedException when records other than an interrupted last write are damaged
     * @throws IOException           when another process uses the queue, or on I/O errors
     */
    public static DiskQueue open(QueueSettings settings, Stats stats) throws IOException {
        Files.createDirectories(settings.dir());
        QueueLock l = QueueLock.tryTake(settings.dir());
        if (l == null) {
            throw new IOException("queue " + settings.dir() + " is in use by another agent (its lock file is held)");
        }
        try {
            return new DiskQueue(settings, stats, l, QueueRecovery.recover(settings.dir(), stats));
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    private long segmentCount() {
        lock.lock();
        try {
            return segments.size();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- writer side

    /** Every followed file the queue knows of (after a restart: what the last run left), with its position. */
    public List<FileState> files() {
        List<FileState> r = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i) != null) {
                r.add(live.get(i).withOffset(liveOffset[i]));
            }
        }
        return r;
    }

    /** Starts following a file: assigns its number and records its state. */
    public int track(FileState s) {
        int n = live.indexOf(null);
        if (n < 0) {
            n = live.size();
            live.add(null);
        }
        update(n, s);
        // written at once: a file renamed away before any of its events reached the disk must still be known
        writeOut();
        return n;
    }

    /** Records a new state of a followed file (its position after a truncation, a longer fingerprint...). */
    public void update(int fileNo, FileState s) {
        FileState t = s.withFileNo(fileNo);
        live.set(fileNo, t);
        if (fileNo >= liveOffset.length) {
            liveOffset = Arrays.copyOf(liveOffset, Math.max(fileNo + 1, liveOffset.length * 2));
        }
        liveOffset[fileNo] = t.offset();
        out.file(t);
    }

    /** The current state of a followed file. */
    public FileState state(int fileNo) {
        return live.get(fileNo).withOffset(liveOffset[fileNo]);
    }

    /** Stops following a file. */
    public void forget(int fileNo) {
        live.set(fileNo, null);
        out.forget(fileNo);
    }

    /** Queues one event of a followed file that ends at {@code endOffset} in it; returns its sequence number. */
    public long append(int fileNo, long endOffset, long hostTimeMillis, byte[] body, int off, int len) {
        long seq = nextSeq++;
        out.event(fileNo, endOffset, seq, hostTimeMillis, body, off, len);
        liveOffset[fileNo] = endOffset;
        bufferedLastSeq = seq;
        stats.eventsQueued.inc();
        if (out.size() >= WRITE_AT || wseg.bytes + out.size() >= settings.segmentBytes()) {
            writeOut();
        }
        return seq;
    }

    /**
     * Writes what was appended and forces it to disk as the sync policy says.
     *
     * @param idle the readers have nothing more for now: with {@link QueueSettings.Sync#INTERVAL}, sync now
     * @return false while writing fails (disk full): the readers must not read on
     */
    public boolean flush(boolean idle) {
        if (!writeOut()) {
            return false;
        }
        if (!dirty || settings.sync() == QueueSettings.Sync.NONE) {
            dirty = false;
            return true;
        }
        long now = System.nanoTime();
        if (settings.sync() == QueueSettings.Sync.BATCH || idle
                || now - lastSyncNanos >= TimeUnit.MILLISECONDS.toNanos(settings.syncIntervalMs())) {
            return sync();
        }
        return true;
    }

    /**
     * Whether the readers may read more: false while the queue is at its maximum size (logged once per episode)
     * or its disk refuses writes.
     */
    public boolean acceptsMore() {
        if (failing) {
            return false;
        }
        long total = totalBytes + out.size();
        if (total >= settings.maxBytes()) {
            if (!full) {
                full = true;
                fullSince = System.nanoTime();
                stats.backpressureWaits.inc();
                stats.warn("queue full: " + total + " bytes (max_bytes " + settings.maxBytes()
                        + "): reading paused until the server acknowledges events");
            }
            return false;
        }
        if (full) {
            full = false;
            stats.notice("queue has room again: reading resumed after " + seconds(fullSince));
        }
        return true;
    }

    /** Waits until acknowledgements free space, or retries a failing write, for up to {@code millis}. */
    public void awaitRoom(long millis) throws InterruptedException {
        if (failing) {
            Thread.sleep(Math.min(millis, 1000));
            flush(true);
            return;
        }
        lock.lock();
        try {
            if (totalBytes + out.size() >= settings.maxBytes() && !closed) {
                roomFreed.await(millis, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the last write failed (the disk is full): reading is paused and writes are retried. */
    public boolean failing() {
        return failing;
    }

    private boolean writeOut() {
        if (out.size() == 0) {
            return true;
        }
        long now = System.nanoTime();
        if (failing && now - lastTryNanos < RETRY_NANOS) {
            return false;
        }
        lastTryNanos = now;
        long before = wseg.bytes;
        int n = out.size();
        try {
            if (wch == null) {
                // nothing of this segment was written yet: a file left by a failed attempt is emptied
                wch = FileChannel.open(wseg.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            }
            ByteBuffer b = ByteBuffer.wrap(out.array(), 0, n);
            long at = before;
            while (b.hasRemaining()) {
                at += wch.write(b, at);
            }
        } catch (IOException e) {
            undo(before);
            fail("cannot write to " + wseg.path + ": " + e.getMessage());
            return false;
        }
        recovered();
        out.clear();
        out.trim(BUFFER);
        writtenLastSeq = bufferedLastSeq;
        dirty = true;
        lock.lock();
        try {
            wseg.bytes += n;
            totalBytes += n;
            if (settings.sync() == QueueSettings.Sync.NONE) {
                publish();
            }
        } finally {
            lock.unlock();
        }
        if (wseg.bytes >= settings.segmentBytes()) {
            if (!sync()) {
                return false;
            }
            roll();
            return writeOut();
        }
        return true;
    }

    private void undo(long size) {
        try {
            if (wch != null) {
                wch.truncate(size);
            }
        } catch (IOException ignored) {
            // the next write goes to the same position and overwrites what is there
        }
    }

    private void fail(String why) {
        if (!failing) {
            failing = true;
            failingSince = System.nanoTime();
            stats.diskFullWaits.inc();
            stats.errors.inc();
            stats.warn("queue: " + why + "; reading paused, retrying every second");
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            stats.notice("queue: writing again after " + seconds(failingSince) + ": reading resumed");
        }
    }

    private boolean sync() {
        if (dirty && settings.sync() != QueueSettings.Sync.NONE) {
            if (wch == null) {
                return false;
            }
            try {
                wch.force(false);
                checkpoint.sync();
            } catch (IOException e) {
                fail("cannot sync " + wseg.path + ": " + e.getMessage());
                return false;
            }
            stats.queueSyncs.inc();
            lastSyncNanos = System.nanoTime();
            lock.lock();
            try {
                publish();
            } finally {
                lock.unlock();
            }
        }
        dirty = false;
        return true;
    }

    /** Lets the shipper read everything written to the current segment (lock held). */
    private void publish() {
        wseg.published = wseg.bytes;
        wseg.lastSeq = writtenLastSeq;
        dataReady.signalAll();
    }

    /** Seals the current segment and begins the next with a header and the state of every followed file. */
    private void roll() {
        long number = 1;
        if (wseg != null) {
            lock.lock();
            try {
                publish();
                wseg.sealed = true;
                number = wseg.number + 1;
            } finally {
                lock.unlock();
            }
            try {
                wch.close();
            } catch (IOException ignored) {
                // synced already; nothing is lost
            }
            wch = null;
        } else if (!segments.isEmpty()) {
            number = segments.lastKey() + 1;
        }
        Seg s = new Seg(number, settings.dir().resolve(Codec.segmentName(number)), nextSeq);
        lock.lock();
        try {
            segments.put(number, s);
        } finally {
            lock.unlock();
        }
        wseg = s;
        out.segment(nextSeq, number, System.currentTimeMillis());
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i) != null) {
                out.file(live.get(i).withOffset(liveOffset[i]));
            }
        }
    }

    private static String seconds(long sinceNanos) {
        return String.format("%.1f s", (System.nanoTime() - sinceNanos) / 1e9);
    }

    // ---------------------------------------------------------------- shipper side

    @Override
    public List<AgentEvent> poll(int maxEvents, int maxBytes, long timeoutMillis)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<AgentEvent> batch = new ArrayList<>();
        long bytes = 0;
        while (true) {
            while (batch.size() < maxEvents && bytes < maxBytes) {
                AgentEvent e = reader.next();
                if (e == null) {
                    break;
                }
                batch.add(e);
                bytes += e.body().length;
            }
            if (!batch.isEmpty() || closed) {
                return batch;
            }
            lock.lock();
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return batch;
                }
                if (!reader.readable()) {
                    dataReady.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void acknowledge(long seq) throws IOException {
        lock.lock();
        try {
            if (seq <= acked) {
                return;
            }
            if (seq > reader.handedOut()) {
                throw new IllegalArgumentException("cannot acknowledge seq " + seq + ": only events up to "
                        + reader.handedOut() + " were handed out");
            }
            stats.eventsAcked.add(seq - acked);
            acked = seq;
            checkpoint.write(seq);
            while (segments.size() > 1) {
                Seg first = segments.firstEntry().getValue();
                if (!first.sealed || first.lastSeq > seq) {
                    break;
                }
                segments.pollFirstEntry();
                Files.deleteIfExists(first.path);
                totalBytes -= first.bytes;
            }
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long acknowledged() {
        return acked;
    }

    @Override
    public void rewind() {
        lock.lock();
        try {
            reader.rewind(acked);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the queue was empty and new when opened (the agent's very first run). */
    public boolean fresh() {
        return fresh;
    }

    /** The next sequence number the queue will give. */
    public long nextSeq() {
        return nextSeq;
    }

    /** Writes and syncs what is pending, then releases the directory. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        flush(true);
        sync();
        lock.lock();
        try {
            closed = true;
            dataReady.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
        reader.close();
        if (wch != null) {
            wch.close();
        }
        checkpoint.close();
        dirLock.close();
    }
}

package dev.vigil.agent.tail;

import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.stats.Stats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Follows the files that an input's globs match. New files are picked up at every scan; a file renamed away
 * (rotation by rename) or deleted is read to its end and then closed, while the new file at its path is read
 * only after it: sizes are taken newest first and files read oldest first, so nothing written to the new file is
 * read before what was written to the old one before the writer switched. A file that shrinks (rotation by
 * copytruncate) is first finished from its copy when one sits beside it, then read again from the start.
 */
public final class FileInput implements Input {
    private static final long GROUP_BUDGET = 4L << 20;
    private static long nextOrder;

    private final InputConfig cfg;
    private final DiskQueue queue;
    private final Stats stats;
    private final RecoveredFiles recovered;
    private final Supplier<Framer> framers;
    private final String host;
    private final boolean firstRun;
    private final List<Glob> globs = new ArrayList<>();
    private final Map<FileId.Key, TailedFile> files = new LinkedHashMap<>();
    private final Map<Path, String> unreadable = new HashMap<>();
    private final Map<TailedFile, String> failing = new HashMap<>();
    private final Rotation rotation;
    private long nextScanNanos;
    private boolean scanned;

    /**
     * @param firstRun the queue is new: {@code start_at: end} applies to the files found by the first scan
     */
    public FileInput(InputConfig cfg, String host, DiskQueue queue, RecoveredFiles recovered,
                     Supplier<Framer> framers, boolean firstRun, Stats stats) {
        this.cfg = cfg;
        this.host = cfg.host() != null ? cfg.host() : host;
        this.queue = queue;
        this.recovered = recovered;
        this.framers = framers;
        this.firstRun = firstRun;
        this.stats = stats;
        for (String p : cfg.paths()) {
            globs.add(new Glob(p, cfg.exclude()));
        }
        this.rotation = new Rotation(globs.get(0), stats);
    }

    @Override
    public String key() {
        return cfg.key();
    }

    /** The files followed now (for tests and stats). */
    public int followed() {
        return files.size();
    }

    @Override
    public void start(byte[] block) {
        poll0(block, true);
    }

    @Override
    public boolean poll(byte[] block) {
        return poll0(block, false);
    }

    private boolean poll0(byte[] block, boolean scanOnly) {
        long now = System.nanoTime();
        if (!scanned || now - nextScanNanos >= 0) {
            scan(block);
            nextScanNanos = now + TimeUnit.MILLISECONDS.toNanos(cfg.scanIntervalMs());
            scanned = true;
        }
        if (scanOnly) {
            return false;
        }
        boolean progress = false;
        Map<String, List<TailedFile>> groups = new LinkedHashMap<>();
        for (TailedFile t : files.values()) {
            groups.computeIfAbsent(t.source, k -> new ArrayList<>()).add(t);
        }
        for (List<TailedFile> g : groups.values()) {
            g.sort((a, b) -> Long.compare(a.order, b.order));
            progress |= readGroup(g, block);
        }
        housekeeping();
        return progress;
    }

    /** Reads one source's files (a rotated one and its successor) in order; see the class comment. */
    private boolean readGroup(List<TailedFile> g, byte[] block) {
        long[] snap = new long[g.size()];
        for (int i = g.size() - 1; i >= 0; i--) {
            TailedFile t = g.get(i);
            snap[i] = -1;
            if (t.ch != null) {
                try {
                    snap[i] = t.size();
                } catch (IOException e) {
                    readFailed(t, e);
                }
            }
        }
        boolean progress = false;
        for (int i = 0; i < g.size(); i++) {
            TailedFile t = g.get(i);
            if (t.ch == null || snap[i] < 0) {
                continue;
            }
            try {
                if (snap[i] < t.readPos) {
                    truncated(t, snap[i], "shorter than the " + t.readPos + " bytes already read", block);
                    snap[i] = t.ch == null ? 0 : t.size();
                }
                if (t.readPos >= snap[i]) {
                    continue;
                }
                if (!t.rotated && rewritten(t)) {
                    // truncated and written past our position since the last look (copytruncate, quickly refilled)
                    truncated(t, snap[i], "its first " + t.state().fpLength() + " bytes changed", block);
                    snap[i] = t.size();
                }
                for (int j = 0; j < i; j++) {
                    TailedFile old = g.get(j);
                    if (old.rotated && !old.finished && old.ch != null && old.readPos >= snap[j]) {
                        old.finish(); // its writer moved on to the newer file: its last line is complete
                    }
                }
                progress |= t.read(snap[i], GROUP_BUDGET, block) > 0;
                recoveredFromFailure(t);
            } catch (IOException e) {
                readFailed(t, e);
            }
            if (t.readPos < snap[i]) {
                break; // out of budget or queue full: newer files of this source wait their turn
            }
        }
        return progress;
    }

    /** Lists the globs: new files, renamed ones, ones that disappeared, and checks each one's first bytes. */
    private void scan(byte[] block) {
        Map<FileId.Key, Path> seen = new HashMap<>();
        for (Glob glob : globs) {
            for (Path path : glob.list()) {
                FileId id;
                try {
                    id = FileId.of(path);
                } catch (IOException e) {
                    continue; // gone since the listing
                }
                if (!id.regular() || seen.containsKey(id.key())) {
                    continue;
                }
                seen.put(id.key(), path);
                TailedFile t = files.get(id.key());
                if (t == null) {
                    t = start(path, id);
                } else {
                    t.path = path;
                    t.rotated = false;
                    if (t.ch == null && !reopen(t, id)) {
                        continue;
                    }
                }
                if (t != null && t.ch != null) {
                    check(t, id.size(), block);
                }
            }
        }
        for (TailedFile t : new ArrayList<>(files.values())) {
            if (seen.containsKey(t.key)) {
                continue;
            }
            if (!t.rotated) {
                t.rotated = true;
                stats.filesRotated.inc();
            }
            if (t.ch == null) {
                // not open (closed while idle, or renamed between listing and opening): look beside its old name
                Path moved = rotation.findInode(t.path, t.key);
                if (moved == null) {
                    forget(t);
                } else {
                    t.path = moved;
                    reopen(t, null); // when this fails too, the next scan tries again
                }
            }
        }
    }

    /** Begins following a file found by a scan, resuming where a previous run left it. */
    private TailedFile start(Path path, FileId id) {
        FileState old = recovered.claim(id.key());
        long offset = old != null ? old.offset() : firstRun && cfg.startAtEnd() && !scanned ? id.size() : 0;
        String source = cfg.source() != null ? cfg.source() : old != null ? old.source() : path.toString();
        String sourcetype = cfg.sourcetype() != null ? cfg.sourcetype() : cfg.type().defaultSourcetype;
        FileState s = new FileState(old != null ? old.fileNo() : -1, cfg.key(), path.toString(), source, host,
                sourcetype, cfg.index(), id.dev(), id.ino(), old != null ? old.fpLength() : 0,
                old != null ? old.fpCrc() : 0, offset);
        return begin(s, old != null, nextOrder++);
    }

    /** @param order files of one source are read in this order: older files (renamed away) first */
    private TailedFile begin(FileState s, boolean adopted, long order) {
        TailedFile t = new TailedFile(s, order, framers.get(), queue, stats, adopted);
        files.put(t.key, t);
        stats.notice("following " + s.path() + " (inode " + s.ino() + ") from offset " + s.offset());
        if (!reopen(t, null)) {
            return t;
        }
        try {
            if (t.readPos > 0) {
                t.framer.resume(t.ch, t.readPos);
            }
        } catch (IOException e) {
            readFailed(t, e);
        }
        return t;
    }

    @Override
    public boolean adopt(FileState s) {
        if (!s.input().equals(cfg.key())) {
            return false;
        }
        Path moved = rotation.findInode(Path.of(s.path()), new FileId.Key(s.dev(), s.ino()));
        if (moved == null) {
            queue.forget(s.fileNo());
            stats.notice(s.path() + " (inode " + s.ino() + ") is gone; it had been read up to offset " + s.offset());
            return true;
        }
        stats.notice(s.path() + " was renamed to " + moved + " while the agent was stopped: reading its rest");
        TailedFile t = begin(s.withPath(moved.toString()), true, Long.MIN_VALUE + nextOrder++);
        t.rotated = true;
        if (t.ch != null) {
            try {
                check(t, t.size(), new byte[64 << 10]);
            } catch (IOException e) {
                readFailed(t, e);
            }
        }
        return true;
    }

    /** Opens a followed file's channel; an unreadable file is reported once and tried again at every scan. */
    private boolean reopen(TailedFile t, FileId id) {
        try {
            if (!t.open()) {
                return false; // renamed or replaced since it was listed
            }
        } catch (IOException e) {
            String msg = e.getClass().getSimpleName().equals("AccessDeniedException") ? "permission denied"
                    : String.valueOf(e.getMessage());
            if (unreadable.put(t.path, msg) == null) {
                stats.errors.inc();
                stats.warn("cannot read " + t.path + ": " + msg + " (trying again at every scan)");
            }
            return false;
        }
        if (unreadable.remove(t.path) != null) {
            stats.notice(t.path + " is readable now");
        }
        return true;
    }

    /** Checks that a file still begins as it did (else it was truncated and rewritten) and grows its fingerprint. */
    private void check(TailedFile t, long size, byte[] block) {
        try {
            FileState s = t.state();
            if (size < t.readPos) {
                truncated(t, size, "shorter than the " + t.readPos + " bytes already read", block);
                return;
            }
            if (rewritten(t)) {
                truncated(t, size, "its first " + s.fpLength() + " bytes changed", block);
                return;
            }
            if (s.fpLength() < Fingerprint.LENGTH && size > s.fpLength()) {
                int n = (int) Math.min(size, Fingerprint.LENGTH);
                long crc = Fingerprint.of(t.ch, n);
                if (crc != -1L) {
                    queue.update(t.fileNo, s.withFingerprint(n, (int) crc));
                }
            }
        } catch (IOException e) {
            readFailed(t, e);
        }
    }

    /** Whether a file no longer begins with the bytes it began with. */
    private static boolean rewritten(TailedFile t) throws IOException {
        FileState s = t.state();
        return s.fpLength() > 0 && (int) Fingerprint.of(t.ch, s.fpLength()) != s.fpCrc();
    }

    /** A file was truncated: finish it from its copy if copytruncate left one, then read it again from 0. */
    private void truncated(TailedFile t, long size, String why, byte[] block) throws IOException {
        stats.filesShrunk.inc();
        FileState s = t.state();
        String how = "";
        Path copy = rotation.findCopy(t.path, t.key, s, t.readPos);
        if (copy != null) {
            long n = t.readCopy(copy, block);
            how = " (first its last " + n + " unread bytes from its copy " + copy.getFileName() + ")";
        }
        t.finish();
        t.framer.reset();
        t.readPos = 0;
        long now = t.size();
        int n = (int) Math.min(now, Fingerprint.LENGTH);
        long crc = n == 0 ? 0 : Fingerprint.of(t.ch, n);
        queue.update(t.fileNo, t.state().withOffset(0).withFingerprint(crc == -1L ? 0 : n, (int) crc));
        stats.warn(t.path + " shrank to " + size + " bytes, " + why + ": reading it again from the start" + how);
    }

    private void readFailed(TailedFile t, IOException e) {
        if (failing.put(t, String.valueOf(e.getMessage())) == null) {
            stats.errors.inc();
            stats.warn("error reading " + t.path + ": " + e.getMessage() + " (closed; trying again at the next scan)");
        }
        t.close();
    }

    private void recoveredFromFailure(TailedFile t) {
        if (failing.remove(t) != null) {
            stats.notice(t.path + " is read again");
        }
    }

    /** Multi-line timeouts, closing renamed files that are done and idle files. */
    private void housekeeping() {
        long now = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        for (TailedFile t : new ArrayList<>(files.values())) {
            if (t.ch == null) {
                continue;
            }
            if (t.framer.pending()) {
                t.tick(nowMillis);
            }
            long idle = TimeUnit.NANOSECONDS.toMillis(now - t.lastDataNanos);
            try {
                boolean atEnd = t.readPos >= t.size();
                if (t.rotated && atEnd && idle >= cfg.closeRenamedMs()) {
                    if (!t.finished) {
                        t.finish();
                    }
                    forget(t);
                } else if (!t.rotated && atEnd && idle >= cfg.closeInactiveMs() && !t.framer.pending()) {
                    t.close();
                }
            } catch (IOException e) {
                readFailed(t, e);
            }
        }
    }

    private void forget(TailedFile t) {
        t.close();
        files.remove(t.key);
        failing.remove(t);
        queue.forget(t.fileNo);
    }

    @Override
    public void close() {
        for (TailedFile t : files.values()) {
            t.close();
        }
    }
}

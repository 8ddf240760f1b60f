package dev.vigil.agent.records;

import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.login.LastlogFile;
import dev.vigil.agent.login.LastlogRecord;
import dev.vigil.agent.login.Passwd;
import dev.vigil.agent.login.UtmpRecord;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.FileId;
import dev.vigil.agent.tail.Input;
import dev.vigil.agent.tail.RecoveredFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * lastlog: a record per uid, overwritten at each login, so it cannot be followed by offset. Every interval the
 * records of the password file's accounts are read, and those newer than the last one queued become
 * {@code action=last_login} events, oldest first. "Newer" is by (time, uid), which the queue keeps as the
 * input's position: a restart neither repeats nor skips a login.
 */
public final class LastlogInput implements Input {
    private final InputConfig cfg;
    private final Path path;
    private final Accounts accounts;
    private final DiskQueue queue;
    private final RecoveredFiles recovered;
    private final Stats stats;
    private final String host;
    private final boolean firstRun;
    private int fileNo = -1;
    private long mark;
    private long nextPollNanos;
    private String problem;

    public LastlogInput(InputConfig cfg, String host, DiskQueue queue, RecoveredFiles recovered, boolean firstRun,
                        Stats stats) {
        this.cfg = cfg;
        this.path = Path.of(cfg.paths().get(0));
        this.accounts = new Accounts(Path.of(cfg.passwd() != null ? cfg.passwd() : "/etc/passwd"));
        this.host = cfg.host() != null ? cfg.host() : host;
        this.queue = queue;
        this.recovered = recovered;
        this.firstRun = firstRun;
        this.stats = stats;
    }

    @Override
    public String key() {
        return cfg.key();
    }

    /** The (time, uid) position: time in the high 32 bits, both unsigned. */
    static long mark(LastlogRecord r) {
        return (r.time() & 0xffffffffL) << 32 | (r.uid() & 0xffffffffL);
    }

    @Override
    public boolean poll(byte[] block) {
        long now = System.nanoTime();
        if (now - nextPollNanos < 0 || !queue.acceptsMore()) {
            return false;
        }
        nextPollNanos = now + TimeUnit.MILLISECONDS.toNanos(cfg.intervalMs());
        List<LastlogRecord> fresh = new ArrayList<>();
        FileId id;
        try {
            id = FileId.of(path);
            Passwd passwd = accounts.passwd();
            try (LastlogFile f = LastlogFile.open(path)) {
                Set<Long> uids = new HashSet<>();
                for (Passwd.Entry e : passwd.entries()) {
                    LastlogRecord r = uids.add(e.uid()) ? f.record(e.uid()) : null;
                    if (r != null && r.time() != 0) {
                        fresh.add(r);
                    }
                }
            }
        } catch (IOException e) {
            if (problem == null) {
                problem = e.getMessage();
                stats.errors.inc();
                stats.warn("cannot read " + path + ": " + e.getMessage() + " (trying again every "
                        + cfg.intervalMs() / 1000 + " s)");
            }
            return false;
        }
        if (problem != null) {
            problem = null;
            stats.notice(path + " is readable now");
        }
        fresh.sort((a, b) -> Long.compareUnsigned(mark(a), mark(b)));
        track(id, fresh);
        long hostTime = System.currentTimeMillis();
        int queued = 0;
        for (LastlogRecord r : fresh) {
            long m = mark(r);
            if (Long.compareUnsigned(m, mark) <= 0) {
                continue;
            }
            byte[] body = new KvBody(Instant.ofEpochSecond(r.time() & 0xffffffffL)).put("action", "last_login")
                    .put("user", UtmpRecord.text(accounts.name(r.uid()) == null ? Long.toString(r.uid())
                            : accounts.name(r.uid())))
                    .put("uid", r.uid()).put("tty", UtmpRecord.text(r.line()))
                    .put("src_host", UtmpRecord.text(r.host())).bytes();
            queue.append(fileNo, m, hostTime, body, 0, body.length);
            stats.loginRecords.inc();
            mark = m;
            queued++;
        }
        return queued > 0;
    }

    /** Finds this input's state from the previous run, or starts one. */
    private void track(FileId id, List<LastlogRecord> now) {
        if (fileNo >= 0) {
            FileState s = queue.state(fileNo);
            if (s.dev() != id.dev() || s.ino() != id.ino()) {
                queue.update(fileNo, new FileState(fileNo, s.input(), s.path(), s.source(), s.host(), s.sourcetype(),
                        s.index(), id.dev(), id.ino(), 0, 0, mark));
            }
            return;
        }
        FileState old = recovered.claim(id.key());
        if (old == null) {
            old = recovered.claimByInput(cfg.key());
        }
        String st = cfg.sourcetype() != null ? cfg.sourcetype() : cfg.type().defaultSourcetype;
        if (old != null) {
            mark = old.offset();
            fileNo = old.fileNo();
            queue.update(fileNo, new FileState(fileNo, cfg.key(), path.toString(),
                    cfg.source() != null ? cfg.source() : path.toString(), host, st, cfg.index(), id.dev(),
                    id.ino(), 0, 0, mark));
            return;
        }
        if (firstRun && cfg.startAtEnd() && !now.isEmpty()) {
            mark = mark(now.get(now.size() - 1));
        }
        fileNo = queue.track(new FileState(-1, cfg.key(), path.toString(),
                cfg.source() != null ? cfg.source() : path.toString(), host, st, cfg.index(), id.dev(), id.ino(),
                0, 0, mark));
    }

    @Override
    public boolean adopt(FileState leftover) {
        if (fileNo >= 0 || !leftover.input().equals(cfg.key())) {
            return false;
        }
        fileNo = leftover.fileNo();
        mark = leftover.offset();
        return true;
    }

    @Override
    public void close() {
    }
}

package dev.vigil.agent.queue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vigil agent check-queue} and {@code repair-queue}: verify every record of a queue directory, and
 * rewrite damaged segments keeping every complete record (the bytes between a damaged record and the next valid
 * one are dropped and counted).
 */
public final class QueueTool {
    private QueueTool() {
    }

    /** One sentence per damage of a scanned segment. */
    static String describe(Path f, SegmentScanner.Result r) {
        StringBuilder sb = new StringBuilder();
        for (SegmentScanner.Damage d : r.damages()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(f.getFileName()).append(": damaged record at offset ").append(d.offset()).append(" (")
                    .append(d.reason()).append("): ").append(d.length()).append(" bytes unreadable");
        }
        return sb.toString();
    }

    /**
     * Checks a queue directory and prints what it holds and every problem.
     *
     * @return 0 when every record is sound (an interrupted write at the very end is reported but is not damage:
     *         the agent drops it when it starts), 1 on damage
     */
    public static int check(Path dir, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            out.println("queue " + dir + ": no such directory");
            return 1;
        }
        out.println("queue " + dir);
        boolean running = running(dir);
        if (running) {
            out.println("note: an agent is using this queue; its newest segment may be in the middle of a write");
        }
        List<String> problems = new ArrayList<>();
        List<Path> files = QueueRecovery.segmentFiles(dir);
        Checkpoint.Value cp = Checkpoint.read(dir);
        SegmentScanner scanner = new SegmentScanner();
        long events = 0, bytes = 0, first = 0, last = 0, prevLast = 0;
        boolean damaged = false;
        out.printf("%-24s %12s %10s %10s  %s%n", "segment", "bytes", "records", "events", "seq");
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            SegmentScanner.Result r = scanner.scan(f, null);
            boolean lastSeg = i == files.size() - 1;
            out.printf("%-24s %12d %10d %10d  %s%n", f.getFileName(), r.size(), r.records(), r.events(),
                    r.events() == 0 ? "-" : r.firstSeq() + ".." + r.lastSeq());
            events += r.events();
            bytes += r.size();
            if (r.events() > 0) {
                first = first == 0 ? r.firstSeq() : first;
                if (r.firstSeq() <= prevLast) {
                    problems.add(f.getFileName() + ": sequence numbers go back (" + r.firstSeq() + " after "
                            + prevLast + ")");
                    damaged = true;
                }
                last = r.lastSeq();
                prevLast = last;
            }
            if (r.damages().isEmpty()) {
                if (r.records() > 0 && r.baseSeq() == 0) {
                    problems.add(f.getFileName() + ": does not begin with a segment header");
                    damaged = true;
                }
                continue;
            }
            if (lastSeg && r.tornTail() && r.damages().size() == 1) {
                SegmentScanner.Damage d = r.damages().get(0);
                problems.add(f.getFileName() + ": ends with an incomplete write of " + d.length() + " bytes at offset "
                        + d.offset() + " (" + d.reason() + "); the agent drops it when it starts");
            } else {
                problems.add(describe(f, r) + (r.tornTail() ? "" : ", complete records follow"));
                damaged = true;
            }
        }
        long acked = cp.acked();
        if (!cp.valid() && !files.isEmpty()) {
            problems.add("checkpoint missing or damaged: the acknowledged position is taken from the first segment");
            damaged |= Files.exists(dir.resolve(Checkpoint.NAME));
        }
        out.println("segments: " + files.size() + ", " + bytes + " bytes, " + events + " events"
                + (events > 0 ? " (seq " + first + ".." + last + ")" : ""));
        out.println("acknowledged: seq " + acked + (cp.valid() ? "" : " (no valid checkpoint)")
                + (last > acked ? ", " + (last - Math.max(acked, first - 1)) + " events not yet acknowledged" : ""));
        if (problems.isEmpty()) {
            out.println("problems: none");
        } else {
            out.println("problems:");
            problems.forEach(p -> out.println("  " + p));
        }
        out.println(damaged ? "status: DAMAGED (vigil agent repair-queue keeps every complete record)" : "status: ok");
        return damaged ? 1 : 0;
    }

    private static boolean running(Path dir) throws IOException {
        QueueLock l = QueueLock.tryTake(dir);
        if (l == null) {
            return true;
        }
        l.close();
        return false;
    }

    /**
     * Repairs a queue directory: every segment with damage is rewritten without the unreadable bytes (and with a
     * new header when its own was damaged), an unreadable checkpoint is rewritten. Refuses while an agent runs.
     *
     * @return 0 when the queue is sound afterwards, 1 otherwise
     */
    public static int repair(Path dir, PrintStream out) throws IOException {
        if (!Files.isDirectory(dir)) {
            out.println("queue " + dir + ": no such directory");
            return 1;
        }
        QueueLock l = QueueLock.tryTake(dir);
        if (l == null) {
            out.println("queue " + dir + " is in use by a running agent: stop it first");
            return 1;
        }
        try {
            long dropped = 0;
            int repaired = 0;
            long prevLast = 0;
            SegmentScanner scanner = new SegmentScanner();
            for (Path f : QueueRecovery.segmentFiles(dir)) {
                SegmentScanner.Result r = scanner.scan(f, null);
                if (r.damages().isEmpty() && (r.records() == 0 || r.baseSeq() != 0)) {
                    prevLast = r.events() > 0 ? r.lastSeq() : prevLast;
                    continue;
                }
                long lost = 0;
                for (SegmentScanner.Damage d : r.damages()) {
                    lost += d.length();
                }
                long base = r.events() > 0 ? r.firstSeq() : prevLast + 1;
                rewrite(f, r, base);
                dropped += lost;
                repaired++;
                out.println(f.getFileName() + ": dropped " + lost + " bytes in " + r.damages().size()
                        + " damaged range(s), kept " + r.records() + " complete records"
                        + (r.baseSeq() == 0 && r.records() > 0 ? " (new segment header)" : ""));
                prevLast = r.events() > 0 ? r.lastSeq() : prevLast;
            }
            Checkpoint.Value cp = Checkpoint.read(dir);
            if (!cp.valid() && Files.exists(dir.resolve(Checkpoint.NAME))) {
                List<Path> files = QueueRecovery.segmentFiles(dir);
                long acked = 0;
                if (!files.isEmpty()) {
                    SegmentScanner.Result r = scanner.scan(files.get(0), null);
                    acked = Math.max(0, r.baseSeq() - 1);
                }
                Files.delete(dir.resolve(Checkpoint.NAME));
                try (Checkpoint c = new Checkpoint(dir, 0)) {
                    c.write(acked);
                }
                out.println("checkpoint: rewritten with acknowledged seq " + acked);
            }
            out.println(repaired == 0 ? "repaired: nothing to repair"
                    : "repaired: dropped " + dropped + " bytes in " + repaired + " segment(s)");
        } finally {
            l.close();
        }
        return check(dir, out);
    }

    /** Rewrites a segment with only its valid records, behind a fresh header when its own is gone. */
    private static void rewrite(Path f, SegmentScanner.Result r, long baseSeq) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".repair");
        if (r.records() == 0) {
            Files.delete(f);
            return;
        }
        try (FileChannel src = FileChannel.open(f, StandardOpenOption.READ);
             FileChannel dst = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            if (r.baseSeq() == 0) {
                Codec.Out h = new Codec.Out(64);
                h.segment(baseSeq, r.number(), System.currentTimeMillis());
                dst.write(ByteBuffer.wrap(h.array(), 0, h.size()));
            }
            long pos = 0;
            for (SegmentScanner.Damage d : r.damages()) {
                copy(src, dst, pos, d.offset() - pos);
                pos = d.offset() + d.length();
            }
            copy(src, dst, pos, r.size() - pos);
            dst.force(true);
        }
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copy(FileChannel src, FileChannel dst, long from, long n) throws IOException {
        long done = 0;
        while (done < n) {
            done += src.transferTo(from + done, n - done, dst);
        }
    }
}

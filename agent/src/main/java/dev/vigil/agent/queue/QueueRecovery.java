package dev.vigil.agent.queue;

import dev.vigil.agent.stats.Stats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a queue directory when the agent starts: every segment is scanned and checked, the followed files'
 * states are replayed from the records (the first segment's snapshot, then every event's end offset), and the
 * sequence numbers are resumed. An incomplete record at the very end of the last segment is what a crash in
 * the middle of a write leaves: it is cut off (the position of its file was in that record too, so the file is
 * read again from before it). Damage anywhere else stops the agent: only {@code repair-queue} drops records.
 */
final class QueueRecovery {
    final TreeMap<Long, Seg> segments = new TreeMap<>();
    final List<FileState> live = new ArrayList<>();
    long nextSeq = 1;
    long acked;
    long checkpointCounter;

    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Codec.segmentNumber(p.getFileName().toString()) >= 0).sorted().toList();
        }
    }

    static QueueRecovery recover(Path dir, Stats stats) throws IOException {
        QueueRecovery r = new QueueRecovery();
        List<Path> files = segmentFiles(dir);
        SegmentScanner scanner = new SegmentScanner();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            SegmentScanner.Result res = scanner.scan(f, r::apply);
            boolean last = i == files.size() - 1;
            long end = res.size();
            if (!res.damages().isEmpty()) {
                if (!last || !res.tornTail() || res.damages().size() > 1) {
                    throw new QueueDamagedException("queue " + dir + ": " + QueueTool.describe(f, res)
                            + "; run 'vigil agent repair-queue' (it keeps every complete record)");
                }
                end = res.validEnd();
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                }
                stats.warn("queue: dropped " + (res.size() - end) + " bytes of an incomplete write at the end of "
                        + f.getFileName() + " (the agent stopped while writing; those lines are read again)");
            }
            if (end == 0 || res.records() == 0) {
                Files.delete(f);
                continue;
            }
            if (res.baseSeq() == 0) {
                throw new QueueDamagedException(f + ": does not begin with a segment header;"
                        + " run 'vigil agent repair-queue'");
            }
            Seg s = new Seg(res.number(), f, res.baseSeq());
            s.lastSeq = res.events() > 0 ? res.lastSeq() : res.baseSeq() - 1;
            s.bytes = end;
            s.published = end;
            s.sealed = true;
            r.segments.put(s.number, s);
            r.nextSeq = Math.max(r.nextSeq, Math.max(s.lastSeq + 1, s.baseSeq));
        }
        Checkpoint.Value cp = Checkpoint.read(dir);
        r.acked = cp.acked();
        r.checkpointCounter = cp.counter();
        if (!r.segments.isEmpty()) {
            r.acked = Math.max(r.acked, r.segments.firstEntry().getValue().baseSeq - 1);
        }
        r.nextSeq = Math.max(r.nextSeq, r.acked + 1);
        return r;
    }

    private void apply(ByteBuffer p, long offset) {
        byte type = p.get(p.position());
        switch (type) {
            case Codec.FILE -> {
                FileState s = Codec.readFile(p);
                while (live.size() <= s.fileNo()) {
                    live.add(null);
                }
                live.set(s.fileNo(), s);
            }
            case Codec.EVENT -> {
                int n = p.getInt(p.position() + 1);
                if (n >= 0 && n < live.size() && live.get(n) != null) {
                    live.set(n, live.get(n).withOffset(p.getLong(p.position() + 5)));
                }
            }
            case Codec.FORGET -> {
                int n = p.getInt(p.position() + 1);
                if (n >= 0 && n < live.size()) {
                    live.set(n, null);
                }
            }
            default -> {
            }
        }
    }
}

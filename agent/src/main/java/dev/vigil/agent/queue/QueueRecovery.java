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
        r.settle();
        Checkpoint.Value cp = Checkpoint.read(dir);
        r.acked = cp.acked();
        r.checkpointCounter = cp.counter();
        if (!r.segments.isEmpty()) {
            r.acked = Math.max(r.acked, r.segments.firstEntry().getValue().baseSeq - 1);
        }
        r.nextSeq = Math.max(r.nextSeq, r.acked + 1);
        return r;
    }

    private long[] offsets = new long[16];

    private void apply(ByteBuffer b, int at, int len, long offset) {
        byte type = b.get(at);
        switch (type) {
            case Codec.FILE -> {
                ByteBuffer v = b.duplicate().order(b.order());
                v.limit(at + len).position(at);
                FileState s = Codec.readFile(v);
                while (live.size() <= s.fileNo()) {
                    live.add(null);
                }
                live.set(s.fileNo(), s);
                offset(s.fileNo(), s.offset());
            }
            case Codec.EVENT -> {
                int n = b.getInt(at + 1);
                if (n >= 0 && n < live.size() && live.get(n) != null) {
                    offset(n, b.getLong(at + 5));
                }
            }
            case Codec.FORGET -> {
                int n = b.getInt(at + 1);
                if (n >= 0 && n < live.size()) {
                    live.set(n, null);
                }
            }
            default -> {
            }
        }
    }

    private void offset(int fileNo, long value) {
        if (fileNo >= offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, Math.max(fileNo + 1, offsets.length * 2));
        }
        offsets[fileNo] = value;
    }

    /** The replayed states with the offsets of their last events. */
    private void settle() {
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i) != null) {
                live.set(i, live.get(i).withOffset(offsets[i]));
            }
        }
    }
}

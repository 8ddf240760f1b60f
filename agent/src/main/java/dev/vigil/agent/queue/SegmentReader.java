package dev.vigil.agent.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The shipper's cursor over the segments: reads records up to what the writer published, keeps the file records
 * it passes (an event carries only its file's number) and turns event records into {@link AgentEvent}s. Used by
 * the shipping thread only; the segment map is read under the queue's lock.
 */
final class SegmentReader {
    private final ReentrantLock lock;
    private final TreeMap<Long, Seg> segments;
    private final Map<Integer, FileState> files = new HashMap<>();
    private final CRC32C crc = new CRC32C();
    private SegmentInput in;
    private long segNo;
    private long pos;
    private volatile long handedOut;

    SegmentReader(ReentrantLock lock, TreeMap<Long, Seg> segments) {
        this.lock = lock;
        this.segments = segments;
    }

    /** The highest sequence number handed out. */
    long handedOut() {
        return handedOut;
    }

    /** Goes back to the first event after {@code acked} (lock held). */
    void rewind(long acked) {
        long target = segments.lastKey();
        for (Seg s : segments.values()) {
            if (s.lastSeq > acked) {
                target = s.number;
                break;
            }
        }
        moveTo(target);
        files.clear();
        handedOut = acked;
    }

    /** Whether {@link #next()} may find something (lock held). */
    boolean readable() {
        Seg s = segments.get(segNo);
        return s == null || pos < s.published || (s.sealed && segments.higherKey(segNo) != null);
    }

    /** The next event after those handed out, or null when nothing more is published. */
    AgentEvent next() throws IOException {
        while (true) {
            Seg s;
            long limit;
            lock.lock();
            try {
                s = segments.get(segNo);
                if (s == null) {
                    Long k = segments.ceilingKey(segNo);
                    if (k == null) {
                        return null;
                    }
                    moveTo(k);
                    continue;
                }
                limit = s.published;
                if (pos >= limit && s.sealed && segments.higherKey(segNo) != null) {
                    moveTo(segments.higherKey(segNo));
                    continue;
                }
            } finally {
                lock.unlock();
            }
            if (pos + Codec.FRAME > limit) {
                return null;
            }
            if (in == null) {
                try {
                    in = new SegmentInput(s.path);
                } catch (NoSuchFileException e) {
                    continue; // deleted once acknowledged: the next lookup moves on
                }
            }
            int at = in.at(pos, Codec.FRAME, limit);
            ByteBuffer b = in.buffer();
            int len = b.getInt(at);
            int sum = b.getInt(at + 4);
            int p = len <= 0 || len > Codec.MAX_PAYLOAD ? -1 : in.at(pos + Codec.FRAME, len, limit);
            if (p < 0 || Codec.crc(crc, in.buffer(), p, len) != sum) {
                throw new QueueDamagedException("queue segment " + s.path + " is damaged at offset " + pos
                        + "; run 'vigil agent check-queue'");
            }
            pos += Codec.FRAME + len;
            AgentEvent e = decode(in.buffer(), p, len);
            if (e != null) {
                return e;
            }
        }
    }

    private void moveTo(long n) {
        close();
        segNo = n;
        pos = 0;
    }

    private AgentEvent decode(ByteBuffer b, int p, int len) {
        switch (b.get(p)) {
            case Codec.FILE -> {
                ByteBuffer v = b.duplicate().order(b.order());
                v.limit(p + len).position(p);
                FileState f = Codec.readFile(v);
                files.put(f.fileNo(), f);
            }
            case Codec.FORGET -> files.remove(b.getInt(p + 1));
            case Codec.EVENT -> {
                long seq = b.getLong(p + 13);
                if (seq <= handedOut) {
                    return null;
                }
                handedOut = seq;
                FileState f = files.get(b.getInt(p + 1));
                byte[] body = new byte[len - Codec.EVENT_HEAD];
                b.get(p + Codec.EVENT_HEAD, body);
                long time = b.getLong(p + 21);
                return f == null ? new AgentEvent(seq, time, null, null, null, null, body)
                        : new AgentEvent(seq, time, f.host(), f.source(), f.sourcetype(), f.index(), body);
            }
            default -> {
            }
        }
        return null;
    }

    void close() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only
            }
            in = null;
        }
    }
}

package dev.vigil.agent.records;

import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.Framer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Cuts a file of fixed-size records (utmp 384 bytes, acct v3 64 bytes) into events, one per record the
 * decoder turns into text. A record cut short at the end of a file that will not grow any more is reported and
 * skipped.
 */
final class RecordFramer implements Framer {
    /** Turns one record into an event's text. */
    interface Decoder {
        /** The event for the record at {@code offset} (a little-endian buffer of one record), or null to skip. */
        byte[] decode(ByteBuffer record, long offset);

        /** Learns from a record before the resume offset (no event). */
        default void prime(ByteBuffer record, long offset) {
        }
    }

    private final int size;
    private final Decoder decoder;
    private final Stats stats;
    private final String what;
    private final byte[] partial;
    private int partialLen;
    private long partialEnd;

    RecordFramer(int size, Decoder decoder, String what, Stats stats) {
        this.size = size;
        this.decoder = decoder;
        this.what = what;
        this.stats = stats;
        this.partial = new byte[size];
    }

    @Override
    public void feed(byte[] b, int off, int len, long fileOffset, Sink sink) {
        int p = off;
        int end = off + len;
        long base = fileOffset - off;
        if (partialLen > 0) {
            int k = Math.min(size - partialLen, len);
            System.arraycopy(b, p, partial, partialLen, k);
            partialLen += k;
            p += k;
            if (partialLen < size) {
                partialEnd = base + p;
                return;
            }
            partialLen = 0;
            one(partial, 0, base + p, sink);
        }
        while (end - p >= size) {
            one(b, p, base + p + size, sink);
            p += size;
        }
        if (p < end) {
            System.arraycopy(b, p, partial, 0, end - p);
            partialLen = end - p;
            partialEnd = base + end;
        }
    }

    private void one(byte[] b, int at, long endOffset, Sink sink) {
        ByteBuffer r = ByteBuffer.wrap(b, at, size).slice().order(ByteOrder.LITTLE_ENDIAN);
        byte[] body = decoder.decode(r, endOffset - size);
        if (body != null) {
            stats.loginRecords.inc();
            sink.event(body, 0, body.length, endOffset);
        }
    }

    @Override
    public void tick(long nowMillis, Sink sink) {
    }

    @Override
    public void finish(Sink sink) {
        if (partialLen > 0) {
            stats.errors.inc();
            stats.warn(what + ": truncated record at offset " + (partialEnd - partialLen) + ": " + partialLen + " of "
                    + size + " bytes, skipped");
            partialLen = 0;
        }
    }

    @Override
    public boolean pending() {
        return false; // a partial record waits for the rest as long as the file lives; no timeout applies
    }

    @Override
    public void reset() {
        partialLen = 0;
    }

    @Override
    public void resume(FileChannel ch, long offset) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size * 256).order(ByteOrder.LITTLE_ENDIAN);
        long pos = 0;
        long end = offset - offset % size;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                return;
            }
            for (int at = 0; at + size <= n; at += size) {
                ByteBuffer r = ByteBuffer.wrap(buf.array(), at, size).slice().order(ByteOrder.LITTLE_ENDIAN);
                decoder.prime(r, pos + at);
            }
            pos += n - n % size;
            if (n % size != 0) {
                return;
            }
        }
    }
}

package dev.vigil.agent.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a whole segment, checking every record's frame and CRC. A damaged record does not end the scan: the
 * scanner searches the following bytes for the next valid record (a plausible length, a known type and a
 * matching CRC-32C) so that every complete record after the damage is found too.
 */
final class SegmentScanner {
    /** Unreadable bytes: where, how many, why. */
    record Damage(long offset, long length, String reason) {
    }

    /**
     * What a scan found.
     *
     * @param number    the segment number (from its name)
     * @param baseSeq   the next sequence number when the segment was begun (0 when its header is damaged)
     * @param size      the file's size
     * @param records   valid records
     * @param events    valid event records
     * @param firstSeq  the first event's sequence number (0 when none)
     * @param lastSeq   the last event's sequence number (0 when none)
     * @param damages   unreadable ranges, in order
     * @param tornTail  whether the last damage runs to the end of the file with nothing valid after it
     */
    record Result(long number, long baseSeq, long size, long records, long events, long firstSeq, long lastSeq,
                  List<Damage> damages, boolean tornTail) {
        /** Where the valid part ends when only the tail is damaged. */
        long validEnd() {
            return tornTail ? damages.get(damages.size() - 1).offset() : size;
        }
    }

    /** Receives every valid record: its payload is {@code buf[at, at + len)} (little endian), valid during the call. */
    interface Visitor {
        void record(ByteBuffer buf, int at, int len, long offset) throws IOException;
    }

    private final CRC32C crc = new CRC32C();
    private String reason;

    /** Scans a segment file, handing every valid record to the visitor (may be null). */
    Result scan(Path path, Visitor visitor) throws IOException {
        long number = Codec.segmentNumber(path.getFileName().toString());
        try (SegmentInput in = new SegmentInput(path)) {
            long size = in.size();
            long pos = 0;
            long records = 0, events = 0, firstSeq = 0, lastSeq = 0, baseSeq = 0;
            List<Damage> damages = new ArrayList<>();
            boolean torn = false;
            while (pos < size) {
                int len = valid(in, pos, size);
                if (len < 0) {
                    String why = reason;
                    long next = resync(in, pos + 1, size);
                    damages.add(new Damage(pos, (next < 0 ? size : next) - pos, why));
                    if (next < 0) {
                        torn = true;
                        break;
                    }
                    pos = next;
                    continue;
                }
                int at = in.at(pos + Codec.FRAME, len, size);
                ByteBuffer b = in.buffer();
                byte type = b.get(at);
                records++;
                if (type == Codec.EVENT) {
                    long seq = b.getLong(at + 13);
                    events++;
                    if (firstSeq == 0) {
                        firstSeq = seq;
                    }
                    lastSeq = seq;
                } else if (type == Codec.SEGMENT && records == 1) {
                    baseSeq = b.getLong(at + 2);
                }
                if (visitor != null) {
                    visitor.record(b, at, len, pos);
                }
                pos += Codec.FRAME + len;
            }
            return new Result(number, baseSeq, size, records, events, firstSeq, lastSeq, List.copyOf(damages), torn);
        }
    }

    /** The payload length of a valid record at {@code pos}, or -1 (and {@link #reason} says why). */
    private int valid(SegmentInput in, long pos, long size) throws IOException {
        int at = in.at(pos, Codec.FRAME + 1, size);
        if (at < 0) {
            reason = "incomplete record (" + (size - pos) + " bytes left in the segment)";
            return -1;
        }
        ByteBuffer b = in.buffer();
        int len = b.getInt(at);
        int sum = b.getInt(at + 4);
        byte type = b.get(at + Codec.FRAME);
        if (len <= 0 || len > Codec.MAX_PAYLOAD) {
            reason = "record length " + Integer.toUnsignedString(len) + " out of range";
            return -1;
        }
        if (pos + Codec.FRAME + len > size) {
            reason = "record of " + len + " bytes runs past the end of the segment (" + (size - pos - Codec.FRAME)
                    + " bytes left)";
            return -1;
        }
        int min = Codec.minLength(type);
        if (min < 0 || len < min) {
            reason = min < 0 ? "unknown record type " + type : "record of type " + type + " too short (" + len + ")";
            return -1;
        }
        at = in.at(pos + Codec.FRAME, len, size);
        if (Codec.crc(crc, in.buffer(), at, len) != sum) {
            reason = "CRC mismatch";
            return -1;
        }
        return len;
    }

    /** The offset of the next valid record at or after {@code from}, or -1. */
    private long resync(SegmentInput in, long from, long size) throws IOException {
        for (long p = from; p + Codec.FRAME + 1 <= size; p++) {
            int at = in.at(p, Codec.FRAME + 1, size);
            ByteBuffer b = in.buffer();
            int len = b.getInt(at);
            int min = Codec.minLength(b.get(at + Codec.FRAME));
            if (min < 0 || len < min || len > Codec.MAX_PAYLOAD || p + Codec.FRAME + len > size) {
                continue;
            }
            if (valid(in, p, size) >= 0) {
                return p;
            }
        }
        return -1;
    }
}

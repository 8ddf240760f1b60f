package dev.vigil.agent.acct;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Linux acct v3 process accounting files. Records of other versions and a truncated trailing record are
 * reported in {@link AcctFile#problems()} and skipped; no content makes the reader fail.
 */
public final class AcctReader {
    /** {@code sizeof(struct acct_v3)}. */
    public static final int RECORD_SIZE = 64;
    /** {@code ACCT_VERSION} of struct acct_v3. */
    public static final int VERSION = 3;

    private final long maxRecords;

    /** @param maxRecords the most records a file may hold; more is refused with {@link AcctLimitException} */
    public AcctReader(long maxRecords) {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive, got " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    /** Reads the records at or after {@code fromOffset} (0 for the whole file). */
    public AcctFile read(Path path, long fromOffset) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long start = Math.min(Math.max(0, fromOffset), size);
            long whole = (size - start) / RECORD_SIZE;
            if (whole > maxRecords) {
                throw new AcctLimitException(path + ": " + whole + " records exceed the maximum " + maxRecords);
            }
            List<AcctRecord> out = new ArrayList<>((int) whole);
            List<String> problems = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocate(RECORD_SIZE * 1024).order(ByteOrder.LITTLE_ENDIAN);
            long pos = start;
            int badVersions = 0;
            ch.position(start);
            while (true) {
                int n = ch.read(buf);
                buf.flip();
                while (buf.remaining() >= RECORD_SIZE) {
                    int at = buf.position();
                    int version = buf.get(at + 1) & 0xff;
                    if (version == VERSION) {
                        out.add(decode(buf, at, pos));
                    } else if (badVersions++ == 0) {
                        problems.add(path + ": record at offset " + pos + " has version " + version
                                + ", not 3: skipped");
                    }
                    buf.position(at + RECORD_SIZE);
                    pos += RECORD_SIZE;
                }
                buf.compact();
                if (n < 0) {
                    break;
                }
            }
            if (badVersions > 1) {
                problems.add(path + ": " + badVersions + " records in all were not version 3");
            }
            if (buf.position() > 0) {
                problems.add(path + ": truncated record at offset " + pos + ": " + buf.position() + " of "
                        + RECORD_SIZE + " bytes, skipped");
            }
            return new AcctFile(path, List.copyOf(out), List.copyOf(problems), pos);
        }
    }

    /** Decodes one v3 record at {@code at} of a little-endian buffer. */
    public static AcctRecord decode(ByteBuffer b, int at, long offset) {
        int len = 0;
        while (len < 16 && b.get(at + 48 + len) != 0) {
            len++;
        }
        byte[] comm = new byte[len];
        b.get(at + 48, comm);
        return new AcctRecord(b.get(at) & 0xff, b.getShort(at + 2) & 0xffff, u32(b, at + 4), u32(b, at + 8),
                u32(b, at + 12), u32(b, at + 16), u32(b, at + 20), u32(b, at + 24), b.getFloat(at + 28),
                comp(b.getShort(at + 32)), comp(b.getShort(at + 34)), comp(b.getShort(at + 36)),
                comp(b.getShort(at + 42)), comp(b.getShort(at + 44)), comp(b.getShort(at + 46)),
                new String(comm, StandardCharsets.ISO_8859_1), offset);
    }

    /** comp_t: a 13-bit mantissa and a 3-bit base-8 exponent (include/uapi/linux/acct.h). */
    static double comp(short c) {
        int v = c & 0xffff;
        return (double) (v & 0x1fff) * (1L << (3 * ((v >> 13) & 7)));
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}

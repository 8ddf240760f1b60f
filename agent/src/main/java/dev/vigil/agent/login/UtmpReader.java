package dev.vigil.agent.login;

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
 * Reads utmp, wtmp and btmp files: arrays of glibc x86-64 {@code struct utmp} (384 bytes, little endian).
 * A trailing partial record (a file cut while being written) is reported in {@link UtmpFile#problems()}
 * and skipped; nothing in a record's content can make the reader fail.
 */
public final class UtmpReader {
    /** {@code sizeof(struct utmp)} on x86-64 glibc. */
    public static final int RECORD_SIZE = 384;
    /** A default maximum: ten million records, 3.8 GB of wtmp. */
    public static final long DEFAULT_MAX_RECORDS = 10_000_000L;

    private static final int LINE = 8, ID = 40, USER = 44, HOST = 76, EXIT = 332, SESSION = 336, TV = 340,
            ADDR = 348;

    private final long maxRecords;

    /** @param maxRecords the most records a file may hold; more is refused with {@link LoginRecordException} */
    public UtmpReader(long maxRecords) {
        if (maxRecords <= 0) {
            throw new IllegalArgumentException("maxRecords must be positive, got " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    /** Reads the whole file. */
    public UtmpFile read(Path path) throws IOException {
        return read(path, 0);
    }

    /**
     * Reads the records that start at or after {@code fromOffset} (a multiple of {@link #RECORD_SIZE} as
     * returned by {@link UtmpFile#endOffset()}), for following a growing wtmp.
     */
    public UtmpFile read(Path path, long fromOffset) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            long start = Math.min(Math.max(0, fromOffset), size);
            long whole = (size - start) / RECORD_SIZE;
            if (whole > maxRecords) {
                throw new LoginRecordException(path + ": " + whole + " records exceed the maximum " + maxRecords);
            }
            List<UtmpRecord> records = new ArrayList<>((int) whole);
            List<String> problems = new ArrayList<>();
            ByteBuffer buf = ByteBuffer.allocate(RECORD_SIZE * 256).order(ByteOrder.LITTLE_ENDIAN);
            long pos = start;
            ch.position(start);
            while (true) {
                int n = ch.read(buf);
                buf.flip();
                while (buf.remaining() >= RECORD_SIZE) {
                    records.add(decode(buf, buf.position(), pos));
                    buf.position(buf.position() + RECORD_SIZE);
                    pos += RECORD_SIZE;
                }
                buf.compact();
                if (n < 0) {
                    break;
                }
            }
            if (buf.position() > 0) {
                problems.add(path + ": truncated record at offset " + pos + ": " + buf.position() + " of "
                        + RECORD_SIZE + " bytes, skipped");
            }
            return new UtmpFile(path, List.copyOf(records), List.copyOf(problems), size, pos);
        }
    }

    /** Decodes one record at {@code at}; the buffer must be little endian and hold 384 bytes there. */
    public static UtmpRecord decode(ByteBuffer b, int at, long fileOffset) {
        byte[] addr = new byte[16];
        b.get(at + ADDR, addr);
        return new UtmpRecord(b.getShort(at), b.getInt(at + 4), cstring(b, at + LINE, 32), cstring(b, at + ID, 4),
                cstring(b, at + USER, 32), cstring(b, at + HOST, 256), b.getShort(at + EXIT),
                b.getShort(at + EXIT + 2), b.getInt(at + SESSION), b.getInt(at + TV),
                b.getInt(at + TV + 4), addr, fileOffset);
    }

    /** A fixed-size C char array as a byte string, up to the first NUL. */
    static String cstring(ByteBuffer b, int at, int len) {
        int n = 0;
        while (n < len && b.get(at + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}

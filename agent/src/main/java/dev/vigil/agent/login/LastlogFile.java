package dev.vigil.agent.login;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A lastlog file: a sparse array of 292-byte records indexed by uid. A record past the end of the file, or
 * cut short by it, reads as "never logged in", as shadow's lastlog reads it.
 */
public final class LastlogFile implements Closeable {
    /** {@code sizeof(struct lastlog)} on x86-64 glibc. */
    public static final int RECORD_SIZE = 292;

    private final Path path;
    private final FileChannel ch;
    private final long size;

    private LastlogFile(Path path, FileChannel ch) throws IOException {
        this.path = path;
        this.ch = ch;
        this.size = ch.size();
    }

    /** Opens a file for reading. */
    public static LastlogFile open(Path path) throws IOException {
        return new LastlogFile(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    /** @return the file's size when opened */
    public long size() {
        return size;
    }

    /** @return a description of a partial record at the end, or null when the size is a multiple of 292 */
    public String problem() {
        long rest = size % RECORD_SIZE;
        return rest == 0 ? null : path + ": truncated record at offset " + (size - rest) + ": " + rest + " of "
                + RECORD_SIZE + " bytes, skipped";
    }

    /** The record of one uid. */
    public LastlogRecord record(long uid) throws IOException {
        long off = uid * RECORD_SIZE;
        if (uid < 0 || off + RECORD_SIZE > size) {
            return LastlogRecord.never(uid);
        }
        ByteBuffer b = ByteBuffer.allocate(RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, off + b.position()) < 0) {
                return LastlogRecord.never(uid);
            }
        }
        return new LastlogRecord(uid, b.getInt(0), UtmpReader.cstring(b, 4, 32), UtmpReader.cstring(b, 36, 256));
    }

    /**
     * Every record that says someone logged in, by uid.
     *
     * @param maxRecords the most record slots the file may span; a larger file is refused
     */
    public List<LastlogRecord> loggedIn(long maxRecords) throws IOException {
        long slots = size / RECORD_SIZE;
        if (slots > maxRecords) {
            throw new LoginRecordException(path + ": " + slots + " records exceed the maximum " + maxRecords);
        }
        List<LastlogRecord> out = new ArrayList<>();
        for (long uid = 0; uid < slots; uid++) {
            LastlogRecord r = record(uid);
            if (r.time() != 0) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}

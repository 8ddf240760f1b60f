package dev.vigil.index.lucene;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log that makes appended events durable between Lucene commits: append-only
 * generation files {@code translog-<gen>.tlog} of records {@code [length][crc32c][index][stored blob]}.
 * One fsync of one file makes a whole interval's events durable, which is far cheaper than a Lucene
 * commit; Lucene commits happen rarely and name the generation from which the log must be replayed.
 */
final class Translog implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Translog.class);
    /** A record longer than this is refused when written and treated as corruption when read. */
    static final int MAX_RECORD_BYTES = 32 << 20;
    private static final String PREFIX = "translog-";
    private static final String SUFFIX = ".tlog";

    private final Path dir;
    private long gen;
    private FileChannel channel;
    private long size;

    /** A replayed record. */
    record Entry(long gen, String index, byte[] blob) {
    }

    /** Opens the log in {@code dir}; writing starts in a new generation after every existing file. */
    Translog(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        long max = 0;
        for (long g : generations()) {
            max = Math.max(max, g);
        }
        this.gen = max + 1;
        this.channel = open(gen);
    }

    private FileChannel open(long g) throws IOException {
        size = 0;
        return FileChannel.open(file(g), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    private Path file(long g) {
        return dir.resolve(PREFIX + g + SUFFIX);
    }

    /** Generations present on disk, ascending. */
    List<Long> generations() throws IOException {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
                    try {
                        out.add(Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
                    } catch (NumberFormatException e) {
                        LOG.warn("ignoring {}: not a translog generation", p);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The generation being written. */
    synchronized long generation() {
        return gen;
    }

    /** Bytes written to the current generation. */
    synchronized long size() {
        return size;
    }

    /** Appends encoded records (built by {@link EventDocuments#encode}); they are durable after the next {@link #sync}. */
    synchronized void write(ByteBuffer records) throws IOException {
        size += records.remaining();
        while (records.hasRemaining()) {
            channel.write(records);
        }
    }

    /** Forces everything written so far to disk. */
    void sync() throws IOException {
        FileChannel c;
        synchronized (this) {
            c = channel;
        }
        try {
            c.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            // rolled meanwhile: roll() forced the old file before closing it
        }
    }

    /** Closes the current generation (forced to disk) and starts the next; returns the new generation. */
    synchronized long roll() throws IOException {
        channel.force(false);
        channel.close();
        gen++;
        channel = open(gen);
        return gen;
    }

    /** Deletes every generation below {@code g}: their events are all in committed Lucene indexes. */
    void deleteBelow(long g) throws IOException {
        for (long old : generations()) {
            if (old < g) {
                Files.deleteIfExists(file(old));
            }
        }
    }

    /**
     * Reads every intact record of the generations before the current one, oldest first. A torn or
     * corrupt record (a crash in mid-write) ends its file: what follows was never acknowledged.
     */
    List<Path> replayFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (long g : generations()) {
            if (g < generation()) {
                out.add(file(g));
            }
        }
        return out;
    }

    /** Generation number of a log file. */
    static long generationOf(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    /** Calls {@code sink} with each intact record of one file. */
    static void read(Path file, java.util.function.Consumer<Entry> sink) throws IOException {
        long g = generationOf(file);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(8);
            long pos = 0;
            long end = c.size();
            while (pos + 8 <= end) {
                head.clear();
                readFully(c, head, pos);
                int len = head.getInt(0);
                int crc = head.getInt(4);
                if (len < 1 || len > MAX_RECORD_BYTES || pos + 8 + len > end) {
                    LOG.warn("translog {} ends in a torn record at byte {}: {} bytes declared, {} present", file, pos,
                            len, end - pos - 8);
                    return;
                }
                ByteBuffer body = ByteBuffer.allocate(len);
                readFully(c, body, pos + 8);
                byte[] b = body.array();
                int ixLen = b[0] & 0xff;
                CRC32C check = new CRC32C();
                check.update(ixLen);
                check.update(b, 1, len - 1);
                if ((int) check.getValue() != crc || 1 + ixLen > len) {
                    LOG.warn("translog {} has a corrupt record at byte {}; the rest of the file is ignored", file, pos);
                    return;
                }
                String index = new String(b, 1, ixLen, java.nio.charset.StandardCharsets.UTF_8);
                byte[] blob = java.util.Arrays.copyOfRange(b, 1 + ixLen, len);
                sink.accept(new Entry(g, index, blob));
                pos += 8 + len;
            }
        }
    }

    private static void readFully(FileChannel c, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = c.read(b, pos + b.position());
            if (n < 0) {
                throw new EOFException("translog ended early");
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.force(false);
        channel.close();
    }
}

package dev.vigil.collector.action.forward;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * A durable FIFO of byte records (rsyslog's disk queue for one action): append-only segment files
 * {@code NNNNNNNN.seg} of records {@code [length:int][crc32:int][bytes]}, and a small checkpoint file
 * naming the segment and offset of the first record not yet acknowledged. Records survive a restart;
 * a record is acknowledged (and never read again) only after it was delivered. A torn record at the
 * end of the last segment (crash while writing) is detected by its CRC and dropped. Not thread-safe.
 */
public final class DiskQueue implements RecordQueue {
    /** Segments are rolled over at this size. */
    public static final long SEGMENT_BYTES = 16L << 20;
    private final Path dir;
    private final int maxRecord;
    private final long maxBytes;
    private FileChannel writer;
    private long writeSegment;
    private FileChannel reader;
    private long readSegment;
    private long readOffset;
    private long ackSegment;
    private long ackOffset;
    private long size;
    private long readSinceAck;
    private long bytesOnDisk;

    /**
     * @param maxRecord the largest record accepted (and believed when read back)
     * @param maxBytes the disk space the queue may use ($ActionQueueMaxDiskSpace); appends beyond it fail
     */
    public DiskQueue(Path dir, int maxRecord, long maxBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxRecord = maxRecord;
        this.maxBytes = maxBytes;
        TreeSet<Long> segs = segments();
        long[] cp = readCheckpoint();
        ackSegment = cp[0];
        ackOffset = cp[1];
        for (long s : segs) {
            if (s < ackSegment) {
                Files.deleteIfExists(segment(s));
            } else {
                bytesOnDisk += Files.size(segment(s));
            }
        }
        segs.removeIf(s -> s < ackSegment);
        writeSegment = segs.isEmpty() ? Math.max(1, ackSegment) : segs.last();
        if (segs.isEmpty()) {
            ackSegment = writeSegment;
            ackOffset = 0;
        }
        readSegment = ackSegment;
        readOffset = ackOffset;
        size = countRecords();
        writer = FileChannel.open(segment(writeSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writer.position(validEnd(writeSegment));
        writer.truncate(writer.position());
    }

    private TreeSet<Long> segments() throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        try (var s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{8}\\.seg"))
                    .forEach(n -> out.add(Long.parseLong(n.substring(0, 8))));
        }
        return out;
    }

    private Path segment(long n) {
        return dir.resolve(String.format("%08d.seg", n));
    }

    private long[] readCheckpoint() throws IOException {
        Path cp = dir.resolve("checkpoint");
        if (!Files.exists(cp)) {
            return new long[] {0, 0};
        }
        String[] f = Files.readString(cp, StandardCharsets.US_ASCII).trim().split(" ");
        try {
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
        } catch (RuntimeException e) {
            throw new IOException(cp + " is damaged: " + String.join(" ", f));
        }
    }

    @Override
    public long size() {
        return size;
    }

    /** Appends a record (buffered by the OS; {@link #sync} forces it to disk). */
    @Override
    public void append(byte[] b, int off, int len) throws IOException {
        if (len > maxRecord) {
            throw new IOException("record of " + len + " bytes exceeds the maximum " + maxRecord);
        }
        if (bytesOnDisk + len + 8 > maxBytes) {
            throw new IOException("queue in " + dir + " is full (" + maxBytes + " bytes)");
        }
        if (writer.position() + len + 8 > SEGMENT_BYTES) {
            writer.close();
            writeSegment++;
            writer = FileChannel.open(segment(writeSegment), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        ByteBuffer hdr = ByteBuffer.allocate(8).putInt(len).putInt((int) crc.getValue()).flip();
        while (hdr.hasRemaining()) {
            writer.write(hdr);
        }
        ByteBuffer body = ByteBuffer.wrap(b, off, len);
        while (body.hasRemaining()) {
            writer.write(body);
        }
        bytesOnDisk += len + 8;
        size++;
    }

    /**
     * The next record after those already read (not acknowledged), or null when there is none. Reading
     * does not remove it: {@link #ack()} does; {@link #rewind()} makes unacknowledged records readable again.
     */
    @Override
    public byte[] peekNext() throws IOException {
        while (true) {
            if (reader == null) {
                if (!Files.exists(segment(readSegment))) {
                    return null;
                }
                reader = FileChannel.open(segment(readSegment), StandardOpenOption.READ);
            }
            byte[] r = readAt(reader, readOffset);
            if (r != null) {
                readOffset += r.length + 8;
                readSinceAck++;
                return r;
            }
            if (readSegment >= writeSegment) {
                return null;
            }
            reader.close();
            reader = null;
            readSegment++;
            readOffset = 0;
        }
    }

    /** Marks every record read so far as delivered. */
    @Override
    public void ack() throws IOException {
        for (long seg = ackSegment; seg < readSegment; seg++) {
            Path p = segment(seg);
            if (Files.exists(p)) {
                bytesOnDisk -= Files.size(p);
                Files.delete(p);
            }
        }
        ackSegment = readSegment;
        ackOffset = readOffset;
        size -= readSinceAck;
        readSinceAck = 0;
    }

    /** Makes the records read but not acknowledged readable again (after a failed delivery). */
    @Override
    public void rewind() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
        readSegment = ackSegment;
        readOffset = ackOffset;
        readSinceAck = 0;
    }

    /** Writes the checkpoint (atomically) and forces data and checkpoint to disk. */
    @Override
    public void sync() throws IOException {
        writer.force(false);
        Path tmp = dir.resolve("checkpoint.tmp");
        Files.writeString(tmp, ackSegment + " " + ackOffset + "\n", StandardCharsets.US_ASCII);
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try {
            Files.move(tmp, dir.resolve("checkpoint"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve("checkpoint"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private byte[] readAt(FileChannel c, long off) throws IOException {
        ByteBuffer hdr = ByteBuffer.allocate(8);
        if (c.read(hdr, off) < 8) {
            return null;
        }
        hdr.flip();
        int len = hdr.getInt();
        int crc = hdr.getInt();
        if (len < 0 || len > maxRecord) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(len);
        while (body.hasRemaining()) {
            if (c.read(body, off + 8 + body.position()) < 0) {
                return null;
            }
        }
        CRC32 check = new CRC32();
        check.update(body.array(), 0, len);
        return (int) check.getValue() == crc ? body.array() : null;
    }

    private long validEnd(long seg) throws IOException {
        long off = 0;
        try (FileChannel c = FileChannel.open(segment(seg), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            byte[] r;
            while ((r = readAt(c, off)) != null) {
                off += r.length + 8;
            }
        }
        return off;
    }

    private long countRecords() throws IOException {
        long n = 0;
        for (long s = ackSegment; s <= writeSegment; s++) {
            if (!Files.exists(segment(s))) {
                continue;
            }
            try (FileChannel c = FileChannel.open(segment(s), StandardOpenOption.READ)) {
                long off = s == ackSegment ? ackOffset : 0;
                byte[] r;
                while ((r = readAt(c, off)) != null) {
                    off += r.length + 8;
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        sync();
        writer.close();
        if (reader != null) {
            reader.close();
        }
    }

}

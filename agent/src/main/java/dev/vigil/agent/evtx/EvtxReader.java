package dev.vigil.agent.evtx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Reads Windows XML Event Log (EVTX) files: a 4096-byte file header, then 64 KiB chunks each holding event
 * records in binary XML. Each chunk's header and record data are checked against their CRC32s; a damaged chunk
 * is reported and skipped and the other chunks are still read. A malformed record is reported and skipped.
 * <p>Format: libyal/libevtx "Windows XML Event Log (EVTX) format" and [MS-EVEN6] §3.1.4.7 (binary XML).
 */
public final class EvtxReader {
    /** The file header block size. */
    public static final int FILE_HEADER_SIZE = 4096;
    /** The size of a chunk. */
    public static final int CHUNK_SIZE = 65536;
    /** Where event records start in a chunk (after the header and the string and template tables). */
    public static final int CHUNK_DATA = 512;
    private static final byte[] FILE_MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK_MAGIC = "ElfChnk\0".getBytes(StandardCharsets.US_ASCII);
    private static final int RECORD_MAGIC = 0x00002a2a;

    /** A default maximum: 65536 chunks, a 4 GiB file (Windows' own logs are far smaller). */
    public static final int DEFAULT_MAX_CHUNKS = 65536;

    private final int maxChunks;

    /** Reads a file with the default maximum: the simple entry point for importing. */
    public static EvtxFile readFile(Path path) throws IOException {
        return new EvtxReader(DEFAULT_MAX_CHUNKS).read(path);
    }

    /** @param maxChunks the most chunks a file may hold (64 KiB each); more is refused */
    public EvtxReader(int maxChunks) {
        if (maxChunks <= 0) {
            throw new IllegalArgumentException("maxChunks must be positive, got " + maxChunks);
        }
        this.maxChunks = maxChunks;
    }

    /** Reads a whole file into memory. */
    public EvtxFile read(Path path) throws IOException {
        List<EvtxRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        read(path, records::add, problems::add);
        return new EvtxFile(Collections.unmodifiableList(records), Collections.unmodifiableList(problems));
    }

    /**
     * Streams a file's records, chunk by chunk.
     *
     * @throws EvtxFormatException when the file is not EVTX at all, or has more chunks than allowed
     */
    public void read(Path path, Consumer<EvtxRecord> records, Consumer<String> problems) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, header, 0);
            if (header.position() < 128 || !startsWith(header, FILE_MAGIC)) {
                throw new EvtxFormatException(path + ": not an EVTX file (no ElfFile signature)");
            }
            int stored = header.getInt(124);
            int computed = crc(header, 0, 120);
            if (stored != computed) {
                problems.accept(String.format("%s: file header checksum 0x%08x does not match 0x%08x",
                        path, computed, stored));
            }
            int headerBlock = header.getShort(40) & 0xffff;
            long base = headerBlock >= 128 && headerBlock <= size ? headerBlock : FILE_HEADER_SIZE;
            long chunks = (size - base) / CHUNK_SIZE;
            if (chunks > maxChunks) {
                throw new EvtxFormatException(path + ": " + chunks + " chunks exceed the maximum " + maxChunks);
            }
            long rest = (size - base) % CHUNK_SIZE;
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < chunks; i++) {
                chunk.clear();
                readFully(ch, chunk, base + (long) i * CHUNK_SIZE);
                chunk.flip();
                readChunk(path + ": chunk " + i + " at offset " + (base + (long) i * CHUNK_SIZE), i, chunk, records,
                        problems);
            }
            if (rest > 0) {
                problems.accept(path + ": truncated chunk " + chunks + " at offset " + (base + chunks * CHUNK_SIZE)
                        + ": " + rest + " of " + CHUNK_SIZE + " bytes, skipped");
            }
        }
    }

    /** One chunk; {@code where} names it in problems: the file, the chunk's number and its offset in the file. */
    private static void readChunk(String where, int index, ByteBuffer c, Consumer<EvtxRecord> records,
                                  Consumer<String> problems) {
        if (!startsWith(c, CHUNK_MAGIC)) {
            if (!allZero(c)) {
                problems.accept(where + ": no ElfChnk signature, skipped");
            }
            return;
        }
        int stored = c.getInt(124);
        CRC32 crc = new CRC32();
        crc.update(c.slice(0, 120));
        crc.update(c.slice(128, CHUNK_DATA - 128));
        if ((int) crc.getValue() != stored) {
            problems.accept(String.format("%s: header checksum 0x%08x does not match 0x%08x, chunk skipped", where,
                    (int) crc.getValue(), stored));
            return;
        }
        int free = c.getInt(48);
        if (free < CHUNK_DATA || free > CHUNK_SIZE) {
            problems.accept(where + ": free space offset " + Integer.toUnsignedString(free)
                    + " outside the chunk, skipped");
            return;
        }
        int dataCrc = crc(c, CHUNK_DATA, free - CHUNK_DATA);
        if (dataCrc != c.getInt(52)) {
            problems.accept(String.format("%s: event records checksum 0x%08x does not match 0x%08x, chunk skipped",
                    where, dataCrc, c.getInt(52)));
            return;
        }
        BinXmlParser parser = new BinXmlParser(c);
        int pos = CHUNK_DATA;
        while (pos + 28 <= free) {
            if (c.getInt(pos) != RECORD_MAGIC) {
                problems.accept(where + ": no record signature at chunk offset " + pos + ", rest of chunk skipped");
                return;
            }
            int size = c.getInt(pos + 4);
            if (size < 28 || pos + size > free || c.getInt(pos + size - 4) != size) {
                problems.accept(where + ": record at chunk offset " + pos + " has a bad size "
                        + Integer.toUnsignedString(size) + ", rest of chunk skipped");
                return;
            }
            long id = c.getLong(pos + 8);
            EvtxRecord record = null;
            try {
                List<TemplateNode> nodes = parser.fragment(pos + 24, pos + size - 4);
                XmlNode event = EventRenderer.root(EventRenderer.instantiate(nodes, List.of(), 0));
                if (event == null) {
                    problems.accept(where + ": record " + id + " holds no element, skipped");
                } else {
                    record = new EvtxRecord(id, ValueTypes.toInstant(c.getLong(pos + 16)),
                            EventRenderer.xml(event), EventRenderer.fields(event), index);
                }
            } catch (RuntimeException e) {
                problems.accept(where + ": record " + id + " is malformed: " + e.getMessage() + ", skipped");
            }
            if (record != null) {
                records.accept(record); // outside the try: what the consumer throws is its own, not the record's
            }
            pos += size;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                break;
            }
        }
    }

    private static int crc(ByteBuffer b, int from, int len) {
        CRC32 crc = new CRC32();
        crc.update(b.slice(from, len));
        return (int) crc.getValue();
    }

    private static boolean startsWith(ByteBuffer b, byte[] magic) {
        if (b.limit() < magic.length && b.position() < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(ByteBuffer b) {
        for (int i = 0; i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}

package dev.vigil.agent.queue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The acknowledged sequence number, in a small file of two 32-byte slots written alternately
 * ({@code u32 magic, u32 CRC-32C of the next 16 bytes, u64 counter, u64 acked seq}): a write cut short damages
 * only one slot and the other still holds the previous value.
 */
final class Checkpoint implements Closeable {
    static final String NAME = "checkpoint";
    private static final int MAGIC = 0x50435156; // "VQCP" little endian
    private static final int SLOT = 32;

    /** What a checkpoint file holds: the acked sequence, the write counter, and whether any slot was valid. */
    record Value(long acked, long counter, boolean valid) {
    }

    private final FileChannel ch;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT).order(ByteOrder.LITTLE_ENDIAN);
    private long counter;
    private boolean dirty;

    Checkpoint(Path dir, long counter) throws IOException {
        this.ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.counter = counter;
    }

    /** Reads the checkpoint of a queue directory (acked 0, not valid, when missing or both slots damaged). */
    static Value read(Path dir) throws IOException {
        Path f = dir.resolve(NAME);
        if (!Files.exists(f)) {
            return new Value(0, 0, false);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() == 0) {
            return new Value(0, 0, true); // created, nothing acknowledged yet
        }
        CRC32C crc = new CRC32C();
        Value best = new Value(0, 0, false);
        for (int s = 0; s + SLOT <= b.capacity() && s < 2 * SLOT; s += SLOT) {
            if (b.getInt(s) != MAGIC) {
                continue;
            }
            crc.reset();
            crc.update(b.array(), s + 8, 16);
            if ((int) crc.getValue() != b.getInt(s + 4)) {
                continue;
            }
            long counter = b.getLong(s + 8);
            if (!best.valid() || Long.compareUnsigned(counter, best.counter()) > 0) {
                best = new Value(b.getLong(s + 16), counter, true);
            }
        }
        return best;
    }

    /** Records {@code acked} (not yet forced to disk: see {@link #sync()}). */
    synchronized void write(long acked) throws IOException {
        counter++;
        slot.clear();
        slot.putInt(MAGIC).putInt(0).putLong(counter).putLong(acked).putLong(0);
        crc.reset();
        crc.update(slot.array(), 8, 16);
        slot.putInt(4, (int) crc.getValue());
        slot.flip();
        long at = (counter & 1) * SLOT;
        while (slot.hasRemaining()) {
            at += ch.write(slot, at);
        }
        dirty = true;
    }

    /** Forces the last write to disk. */
    synchronized void sync() throws IOException {
        if (dirty) {
            dirty = false;
            ch.force(false);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        sync();
        ch.close();
    }
}

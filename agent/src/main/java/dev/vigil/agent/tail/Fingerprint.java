package dev.vigil.agent.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * CRC-32C of a file's first bytes (up to {@link #LENGTH}): an inode number can be reused by a new file once the
 * old one is deleted, and a file truncated and written again keeps its inode; its first bytes tell them apart.
 */
public final class Fingerprint {
    /** How many leading bytes identify a file. */
    public static final int LENGTH = 1024;

    private Fingerprint() {
    }

    /** The CRC of the first {@code length} bytes, or -1L when the file is shorter. */
    public static long of(FileChannel ch, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) {
                return -1L;
            }
        }
        CRC32C c = new CRC32C();
        c.update(b.array(), 0, length);
        return c.getValue();
    }
}

package dev.vigil.agent.queue;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The exclusive lock an agent (or the repair tool) holds on a queue directory while it uses it. */
final class QueueLock implements Closeable {
    static final String NAME = "lock";

    private final FileChannel ch;
    private final FileLock lock;

    private QueueLock(FileChannel ch, FileLock lock) {
        this.ch = ch;
        this.lock = lock;
    }

    /** Takes the lock, or returns null when another process (or this one) holds it. */
    static QueueLock tryTake(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l != null) {
                return new QueueLock(ch, l);
            }
        } catch (OverlappingFileLockException e) {
            // held by this JVM
        }
        ch.close();
        return null;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        ch.close();
    }
}

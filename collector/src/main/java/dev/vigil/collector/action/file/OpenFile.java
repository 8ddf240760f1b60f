package dev.vigil.collector.action.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One open output file with its write buffer. Not thread-safe; the owning action serialises access. */
final class OpenFile implements AutoCloseable, dev.vigil.collector.template.ByteSink {
    final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final boolean sync;

    OpenFile(Path path, FileChannel channel, int bufferSize, boolean sync) {
        this.path = path;
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(bufferSize); // no extra copy in FileChannel.write
        this.sync = sync;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > buffer.remaining()) {
            flush();
            if (len > buffer.capacity()) {
                ByteBuffer big = ByteBuffer.wrap(b, off, len);
                while (big.hasRemaining()) {
                    channel.write(big);
                }
                return;
            }
        }
        buffer.put(b, off, len);
    }

    void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        if (sync) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}

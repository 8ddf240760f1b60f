package dev.vigil.agent.tail;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** Cuts a file's bytes into events: lines, multi-line groups, or fixed-size records. */
public interface Framer {
    /** Where events go. */
    interface Sink {
        /** One event whose bytes are {@code b[off, off+len)}, ending at {@code endOffset} in its file. */
        void event(byte[] b, int off, int len, long endOffset);
    }

    /** Consumes {@code b[off, off+len)}, which begins at {@code fileOffset} in the file. */
    void feed(byte[] b, int off, int len, long fileOffset, Sink sink);

    /** Time passed without new bytes: sends an event that waited too long for its continuation. */
    void tick(long nowMillis, Sink sink);

    /** The file will not grow any more (it was rotated away, or truncated): sends whatever is pending. */
    void finish(Sink sink);

    /** Whether bytes are held back waiting for the rest of their event. */
    boolean pending();

    /** Drops what is pending (the file is read again from another offset). */
    void reset();

    /**
     * Reading begins at {@code offset} after a restart: a framer that keeps state across events (who is logged
     * in on which terminal) rebuilds it from the bytes before.
     */
    default void resume(FileChannel ch, long offset) throws IOException {
    }
}

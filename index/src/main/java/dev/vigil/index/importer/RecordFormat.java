package dev.vigil.index.importer;

import dev.vigil.core.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A binary file format whose files are read as whole records rather than lines (Windows EVTX): chosen by
 * the file's first bytes or its name, read by code outside this module (the cli wires the agent's readers).
 */
public interface RecordFormat {
    /** Receives a file's events, with how far into the file the reader is (for progress). */
    interface Events {
        void accept(Event e, long position) throws IOException;
    }

    /** Whether this format reads the file, judged from its name and its first bytes (up to 16). */
    boolean reads(Path file, byte[] head);

    /**
     * Reads every event of the file. A damaged part (a chunk, a record) is reported to {@code problems} in one
     * sentence naming the file and where, and skipped; the rest of the file is still read.
     *
     * @throws IOException when the file cannot be read at all (then nothing of it was sent to {@code events})
     */
    void read(Path file, ImportOptions options, Events events, Consumer<String> problems) throws IOException;
}

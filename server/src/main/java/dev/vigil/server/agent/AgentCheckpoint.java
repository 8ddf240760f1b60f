package dev.vigil.server.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DATA/agents/checkpoint}: per agent id, a durable point (every event up to it is stored) and
 * a ceiling (no event above it was ever handed to the pipeline). Text, one {@code id durable ceiling}
 * line per agent after a {@code vigil-agents 1} header; replaced atomically (written beside, forced to
 * disk, renamed). The durable point may lag; the ceiling never does: it is written before any event
 * above the old one is accepted, which bounds the search of the index after a crash.
 */
final class AgentCheckpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCheckpoint.class);
    private static final String HEADER = "vigil-agents 1";
    private final Path file;

    /** One agent's line. */
    record Entry(long durable, long ceiling) {
    }

    AgentCheckpoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("checkpoint");
    }

    Path file() {
        return file;
    }

    /**
     * The entries on disk; null when the file is missing or unreadable (then nothing can be assumed
     * about any agent, and each one's events are looked up in the index in full). A damaged file is
     * kept aside as {@code checkpoint.damaged}.
     */
    Map<String, Entry> read() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, Entry> out = new HashMap<>();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return damaged(1, "expected the header '" + HEADER + "'");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            try {
                if (f.length != 3) {
                    return damaged(i + 1, "expected 'id durable ceiling'");
                }
                out.put(f[0], new Entry(Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (NumberFormatException e) {
                return damaged(i + 1, "not a number: " + e.getMessage());
            }
        }
        return out;
    }

    private Map<String, Entry> damaged(int line, String why) throws IOException {
        Path aside = file.resolveSibling("checkpoint.damaged");
        LOG.error("{}:{}: {}; kept as {}; each agent's durable point will be found by reading its events in the "
                + "index", file, line, why, aside);
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        return null;
    }

    /** Replaces the file with these entries, durably. */
    void write(Map<String, Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            sb.append(e.getKey()).append(' ').append(e.getValue().durable()).append(' ')
                    .append(e.getValue().ceiling()).append('\n');
        }
        Path tmp = file.resolveSibling("checkpoint.tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            d.force(true); // the rename itself
        } catch (IOException e) {
            // some file systems cannot open a directory; the rename is then as durable as they make it
        }
    }
}

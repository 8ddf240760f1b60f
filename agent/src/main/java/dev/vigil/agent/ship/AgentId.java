package dev.vigil.agent.ship;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The agent's stable identity: the file {@code agent.id} in the queue directory, created with a random
 * UUID when absent. The server de-duplicates by (agent id, sequence number), so the id lives beside the
 * queue that numbers the events: a new queue directory is a new agent.
 */
public final class AgentId {
    /** The file's name in the queue directory. */
    public static final String FILE = "agent.id";

    private AgentId() {
    }

    /** Reads the id from {@code queueDir/agent.id}, creating the file (atomically) when it does not exist. */
    public static String load(Path queueDir) throws IOException {
        Path f = queueDir.resolve(FILE);
        if (Files.exists(f)) {
            String id = Files.readString(f, StandardCharsets.UTF_8).strip();
            if (!dev.vigil.agent.protocol.AgentMessages.Hello.validId(id)) {
                throw new IOException(f + ": not an agent id (1 to 128 letters, digits, '.', '_', ':' or '-')");
            }
            return id;
        }
        Files.createDirectories(queueDir);
        String id = UUID.randomUUID().toString();
        Path tmp = queueDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.WRITE)) {
            c.force(true);
        }
        try {
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
        return id;
    }
}

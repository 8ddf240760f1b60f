package dev.vigil.agent.tail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.config.InputConfig;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation while a writer keeps writing and the agent keeps reading: every line arrives exactly once, in the
 * order written.
 */
class RotationUnderLoadTest {
    static final int LINES = 60_000;
    static final int ROTATE_EVERY = 7_000;

    @TempDir
    Path dir;

    interface Rotator {
        /** Rotates {@code log}; returns the stream the writer uses from now on. */
        OutputStream rotate(Path log, OutputStream current, int generation) throws Exception;
    }

    static String line(int i) {
        return "line " + i + " " + "x".repeat(i % 50);
    }

    List<String> run(String glob, Rotator rotator) throws Exception {
        Path log = dir.resolve("app.log");
        InputConfig in = InputConfig.files(dir.resolve(glob).toString()).withTimes(20, 300_000, 200);
        List<String> got = new ArrayList<>();
        try (TailRig rig = new TailRig(TailRig.queueIn(dir), in)) {
            rig.readers.start();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    for (int i = 0; i < LINES; i++) {
                        out.write((line(i) + "\n").getBytes(StandardCharsets.UTF_8));
                        if (i % 100 == 99) {
                            out.flush();
                            Thread.sleep(1);
                        }
                        if (i % ROTATE_EVERY == ROTATE_EVERY - 1) {
                            out = rotator.rotate(log, out, i / ROTATE_EVERY);
                        }
                    }
                    out.close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (got.size() < LINES && System.nanoTime() < deadline) {
                var batch = rig.queue.poll(5000, 1 << 20, 100);
                got.addAll(TailRig.texts(batch));
                if (!batch.isEmpty()) {
                    rig.queue.acknowledge(batch.get(batch.size() - 1).seq()); // as a shipper would
                }
            }
            writer.join();
            Thread.sleep(300);
            got.addAll(TailRig.texts(rig.queue.poll(5000, 1 << 20, 100)));
        }
        return got;
    }

    static void expectEveryLineOnceInOrder(List<String> got) {
        assertThat(got).hasSize(LINES);
        for (int i = 0; i < LINES; i++) {
            if (!got.get(i).equals(line(i))) {
                assertThat(got.get(i)).as("line at position " + i).isEqualTo(line(i));
            }
        }
    }

    @Test
    void rotationByRename() throws Exception {
        List<String> got = run("app.log", (log, out, gen) -> {
            for (int g = 3; g >= 1; g--) {
                Path from = log.resolveSibling("app.log." + g);
                if (Files.exists(from)) {
                    Files.move(from, log.resolveSibling("app.log." + (g + 1)), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(log, log.resolveSibling("app.log.1"));
            Files.createFile(log); // logrotate's "create"
            // the daemon writes a few more lines to the renamed file before it reopens (SIGHUP)
            Thread.sleep(5);
            out.close();
            return Files.newOutputStream(log, StandardOpenOption.APPEND);
        });
        expectEveryLineOnceInOrder(got);
    }

    @Test
    void rotationByRenameToANameTheGlobStillMatches() throws Exception {
        List<String> got = run("*.log", (log, out, gen) -> {
            Files.move(log, log.resolveSibling("app." + gen + ".log"));
            out.close();
            return Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        });
        expectEveryLineOnceInOrder(got);
    }

    @Test
    void rotationByCopytruncate() throws Exception {
        List<String> got = run("app.log", (log, out, gen) -> {
            // logrotate copies, then truncates; the writer keeps its descriptor (O_APPEND)
            out.flush();
            Files.copy(log, log.resolveSibling("app.log.1"), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            return out;
        });
        expectEveryLineOnceInOrder(got);
    }
}

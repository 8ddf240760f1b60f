package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.stats.Stats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees of {@code vigil agent}: configuration errors, check-queue and repair-queue. */
class AgentCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aConfigurationMistakeNamesFileLineAndColumnAndExitsTwo() throws Exception {
        Path yml = dir.resolve("agent.yml");
        Files.writeString(yml, "inputs:\n  - path: /var/log/secure\n    multiline: {patern: x}\n");
        Run r = run("agent", "--config", yml.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vigil: " + yml + ":3:17: unknown setting 'patern' in inputs[0].multiline,"
                + " expected one of [match, max_bytes, max_lines, negate, pattern, timeout]\n");
    }

    @Test
    void checkAndRepairAQueue() throws Exception {
        Path q = dir.resolve("queue");
        try (DiskQueue queue = DiskQueue.open(QueueSettings.defaults(q), new Stats())) {
            int f = queue.track(new FileState(0, "file:/x", "/x", "/x", "h", null, null, 1, 2, 0, 0, 0));
            byte[] b = "hello".getBytes(StandardCharsets.UTF_8);
            queue.append(f, 6, 0, b, 0, b.length);
        }
        Path yml = dir.resolve("agent.yml");
        Files.writeString(yml, "queue: {dir: queue}\ninputs: [{path: /x}]\n");
        Run check = run("agent", "check-queue", "--config", yml.toString());
        assertThat(check.exit()).isZero();
        assertThat(check.out()).startsWith("queue " + q + "\n").contains("1 events (seq 1..1)").endsWith("status: ok\n");
        Run repair = run("agent", "repair-queue", "--queue", q.toString());
        assertThat(repair.exit()).isZero();
        assertThat(repair.out()).startsWith("repaired: nothing to repair\nqueue " + q + "\n");
        Run none = run("agent", "check-queue");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("give --config agent.yml or --queue DIR");
    }
}

package dev.vigil.agent.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.stats.Stats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-queue and repair-queue on real damage: flipped bits, an overwritten frame, a cut last write. */
class QueueToolTest {
    @TempDir
    Path dir;
    Path q;

    static final int EVENTS = 300;

    static String body(int i) {
        return String.format("event %03d %s", i, "d".repeat(40));
    }

    @BeforeEach
    void fill() throws Exception {
        q = dir.resolve("queue");
        try (DiskQueue queue = DiskQueue.open(new QueueSettings(q, 1 << 20, 8192, QueueSettings.Sync.NONE, 1000),
                new Stats())) {
            int f = queue.track(DiskQueueTest.file("/var/log/app.log"));
            for (int i = 0; i < EVENTS; i++) {
                byte[] b = body(i).getBytes(StandardCharsets.UTF_8);
                queue.append(f, (i + 1) * 51L, 0, b, 0, b.length);
            }
        }
    }

    /** Where the body of event i sits: its segment and offset. */
    Object[] locate(int i) throws Exception {
        byte[] needle = body(i).getBytes(StandardCharsets.UTF_8);
        for (Path seg : QueueRecovery.segmentFiles(q)) {
            byte[] all = Files.readAllBytes(seg);
            outer:
            for (int p = 0; p + needle.length <= all.length; p++) {
                for (int k = 0; k < needle.length; k++) {
                    if (all[p + k] != needle[k]) {
                        continue outer;
                    }
                }
                return new Object[] {seg, p};
            }
        }
        throw new AssertionError("not found");
    }

    static void poke(Path f, int at, byte... bytes) throws Exception {
        byte[] all = Files.readAllBytes(f);
        System.arraycopy(bytes, 0, all, at, bytes.length);
        Files.write(f, all);
    }

    String run(boolean repair, int[] exit) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            exit[0] = repair ? QueueTool.repair(q, out) : QueueTool.check(q, out);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    List<String> drain() throws Exception {
        List<String> got = new ArrayList<>();
        try (DiskQueue queue = DiskQueue.open(QueueSettings.defaults(q), new Stats())) {
            got.addAll(DiskQueueTest.drain(queue));
        }
        return got;
    }

    @Test
    void aSoundQueueChecksOk() throws Exception {
        int[] exit = new int[1];
        String out = run(false, exit);
        assertThat(exit[0]).isZero();
        assertThat(out).startsWith("queue " + q + "\nsegment                         bytes    records     events  seq\n"
                + "00000000000000000001.seg ");
        assertThat(out).contains("segments: 4, ").contains(" bytes, 300 events (seq 1..300)\n")
                .contains("acknowledged: seq 0, 300 events not yet acknowledged\nproblems: none\nstatus: ok\n");
    }

    @Test
    void aFlippedByteIsFoundAndRepairKeepsEveryOtherRecord() throws Exception {
        Object[] at = locate(150);
        Path seg = (Path) at[0];
        poke(seg, (Integer) at[1] + 3, (byte) 'X');
        assertThatThrownBy(() -> DiskQueue.open(QueueSettings.defaults(q), new Stats()))
                .isInstanceOf(QueueDamagedException.class)
                .hasMessage("queue " + q + ": " + seg.getFileName() + ": damaged record at offset "
                        + ((Integer) at[1] - 37) + " (CRC mismatch): 87 bytes unreadable; run 'vigil agent"
                        + " repair-queue' (it keeps every complete record)");
        int[] exit = new int[1];
        String check = run(false, exit);
        assertThat(exit[0]).isEqualTo(1);
        assertThat(check).contains("problems:\n  " + seg.getFileName() + ": damaged record at offset "
                + ((Integer) at[1] - 37) + " (CRC mismatch): 87 bytes unreadable, complete records follow\n"
                + "status: DAMAGED (vigil agent repair-queue keeps every complete record)\n");

        String repair = run(true, exit);
        assertThat(exit[0]).isZero();
        assertThat(repair).contains(seg.getFileName() + ": dropped 87 bytes in 1 damaged range(s), kept ")
                .contains("repaired: dropped 87 bytes in 1 segment(s)\n").endsWith("problems: none\nstatus: ok\n");
        List<String> got = drain();
        assertThat(got).hasSize(EVENTS - 1).doesNotContain(body(150)).contains(body(149), body(151));
    }

    @Test
    void anOverwrittenFrameHeaderIsSkippedToTheNextRecord() throws Exception {
        Object[] at = locate(40);
        Path seg = (Path) at[0];
        int frame = (Integer) at[1] - 37;
        poke(seg, frame, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
        int[] exit = new int[1];
        String check = run(false, exit);
        assertThat(exit[0]).isEqualTo(1);
        assertThat(check).contains(": damaged record at offset " + frame + " (record length 2147483647 out of range):"
                + " 87 bytes unreadable, complete records follow");
        run(true, exit);
        assertThat(exit[0]).isZero();
        assertThat(drain()).hasSize(EVENTS - 1).doesNotContain(body(40));
    }

    @Test
    void anInterruptedLastWriteIsReportedButIsNotDamage() throws Exception {
        List<Path> segs = QueueRecovery.segmentFiles(q);
        Path last = segs.get(segs.size() - 1);
        byte[] all = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(all, all.length - 20));
        int[] exit = new int[1];
        String check = run(false, exit);
        assertThat(exit[0]).isZero();
        assertThat(check).contains(last.getFileName() + ": ends with an incomplete write of 67 bytes at offset "
                + (all.length - 87) + " (record of 79 bytes runs past the end of the segment (59 bytes left));"
                + " the agent drops it when it starts\nstatus: ok\n");
        assertThat(drain()).hasSize(EVENTS - 1).doesNotContain(body(EVENTS - 1));
    }

    @Test
    void repairRefusesWhileAnAgentUsesTheQueue() throws Exception {
        try (DiskQueue queue = DiskQueue.open(QueueSettings.defaults(q), new Stats())) {
            int[] exit = new int[1];
            assertThat(run(true, exit)).isEqualTo("queue " + q + " is in use by a running agent: stop it first\n");
            assertThat(exit[0]).isEqualTo(1);
        }
    }
}

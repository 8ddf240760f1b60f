package dev.vigil.agent.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.stats.Stats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskQueueTest {
    @TempDir
    Path dir;

    static QueueSettings small(Path dir, QueueSettings.Sync sync) {
        return new QueueSettings(dir, 1 << 20, 64 << 10, sync, 1000);
    }

    static FileState file(String path) {
        return new FileState(0, "file:" + path, path, path, "h1", "st", null, 1, 2, 0, 0, 0);
    }

    static List<String> drain(DiskQueue q) throws Exception {
        List<String> out = new ArrayList<>();
        while (true) {
            List<AgentEvent> b = q.poll(1000, 1 << 20, 0);
            if (b.isEmpty()) {
                return out;
            }
            for (AgentEvent e : b) {
                out.add(new String(e.body(), StandardCharsets.UTF_8));
            }
        }
    }

    static void append(DiskQueue q, int fileNo, long end, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        q.append(fileNo, end, 1000, b, 0, b.length);
    }

    @Test
    void handsOutEventsInOrderWithTheirFileFields() throws Exception {
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.BATCH), new Stats())) {
            int f = q.track(file("/var/log/a"));
            append(q, f, 2, "a");
            append(q, f, 4, "b");
            q.flush(false);
            List<AgentEvent> b = q.poll(10, 1000, 1000);
            assertThat(b).extracting(AgentEvent::seq).containsExactly(1L, 2L);
            assertThat(b.get(0).source()).isEqualTo("/var/log/a");
            assertThat(b.get(0).host()).isEqualTo("h1");
            assertThat(b.get(0).sourcetype()).isEqualTo("st");
            assertThat(new String(b.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("b");
        }
    }

    @Test
    void nothingIsHandedOutBeforeItIsSynced() throws Exception {
        try (DiskQueue q = DiskQueue.open(new QueueSettings(dir, 1 << 20, 64 << 10, QueueSettings.Sync.INTERVAL,
                60_000), new Stats())) {
            int f = q.track(file("/a"));
            append(q, f, 2, "a");
            q.flush(false);
            assertThat(q.poll(10, 1000, 0)).isEmpty();
            q.flush(true);
            assertThat(q.poll(10, 1000, 0)).hasSize(1);
        }
    }

    @Test
    void restartResumesSequenceAndPositionsAndUnackedEvents() throws Exception {
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.BATCH), new Stats())) {
            int f = q.track(file("/a"));
            int g = q.track(file("/b"));
            for (int i = 0; i < 3000; i++) {
                append(q, i % 2 == 0 ? f : g, i + 1, "line " + i);
            }
            q.flush(false);
            List<AgentEvent> b = q.poll(1000, 1 << 20, 0);
            q.acknowledge(b.get(b.size() - 1).seq());
        }
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.BATCH), new Stats())) {
            assertThat(q.acknowledged()).isEqualTo(1000);
            assertThat(q.files()).extracting(FileState::path, FileState::offset)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("/a", 2999L),
                            org.assertj.core.groups.Tuple.tuple("/b", 3000L));
            List<String> rest = drain(q);
            assertThat(rest).hasSize(2000);
            assertThat(rest.get(0)).isEqualTo("line 1000");
            assertThat(q.nextSeq()).isEqualTo(3001);
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndRewindHandsOutAgain() throws Exception {
        Stats stats = new Stats();
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.NONE), stats)) {
            int f = q.track(file("/a"));
            byte[] line = new byte[200];
            for (int i = 0; i < 2000; i++) {
                q.append(f, i, 0, line, 0, line.length);
            }
            q.flush(false);
            assertThat(QueueRecovery.segmentFiles(dir).size()).isGreaterThan(3);
            List<AgentEvent> b = q.poll(1500, 1 << 20, 0);
            q.acknowledge(1000);
            q.rewind();
            assertThat(q.poll(1, 1 << 20, 0).get(0).seq()).isEqualTo(1001);
            q.acknowledge(1001);
            assertThat(stats.eventsAcked.get()).isEqualTo(1001);
            List<AgentEvent> rest = q.poll(5000, 1 << 30, 0);
            assertThat(rest.get(0).seq()).isEqualTo(1002);
            q.acknowledge(rest.get(rest.size() - 1).seq());
            assertThat(QueueRecovery.segmentFiles(dir)).hasSize(1);
            assertThat(b).hasSize(1500);
        }
    }

    @Test
    void refusesToAcknowledgeWhatWasNotHandedOut() throws Exception {
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.NONE), new Stats())) {
            int f = q.track(file("/a"));
            append(q, f, 1, "x");
            q.flush(false);
            assertThatThrownBy(() -> q.acknowledge(1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cannot acknowledge seq 1: only events up to 0 were handed out");
        }
    }

    @Test
    void aSecondAgentOnTheSameQueueIsRefused() throws Exception {
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.NONE), new Stats())) {
            assertThatThrownBy(() -> DiskQueue.open(small(dir, QueueSettings.Sync.NONE), new Stats()))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use by another agent");
        }
    }

    @Test
    void anInterruptedLastWriteIsCutAndItsFileIsReadAgain() throws Exception {
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.NONE), new Stats())) {
            int f = q.track(file("/a"));
            append(q, f, 10, "first");
            append(q, f, 20, "second");
        }
        Path seg = QueueRecovery.segmentFiles(dir).get(0);
        byte[] all = Files.readAllBytes(seg);
        Files.write(seg, java.util.Arrays.copyOf(all, all.length - 3));
        Stats stats = new Stats();
        try (DiskQueue q = DiskQueue.open(small(dir, QueueSettings.Sync.NONE), stats)) {
            assertThat(q.files().get(0).offset()).isEqualTo(10);
            assertThat(drain(q)).containsExactly("first");
            assertThat(stats.notices()).anyMatch(n -> n.contains("incomplete write"));
        }
    }
}

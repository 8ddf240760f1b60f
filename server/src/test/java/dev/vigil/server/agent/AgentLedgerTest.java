package dev.vigil.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.core.event.Event;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable point of an agent rebuilt from the index: past the checkpoint, with the holes a crash can leave. */
class AgentLedgerTest {
    @TempDir
    Path dir;

    private static AgentEvent event(long seq) {
        return new AgentEvent(seq, 1_764_000_000_000L + seq, "h", "/var/log/x.log", "syslog", null,
                ("line " + seq).getBytes(StandardCharsets.UTF_8));
    }

    private static List<AgentEvent> events(LongStream seqs) {
        List<AgentEvent> out = new ArrayList<>();
        seqs.forEach(s -> out.add(event(s)));
        return out;
    }

    private static void store(LuceneEventStore store, String agent, LongStream seqs) throws Exception {
        List<Event> out = new ArrayList<>();
        for (AgentEvent a : events(seqs)) {
            out.add(AgentEvents.toEvent(a, agent, "h", "10.0.0.1", Instant.now(), null));
        }
        store.append(out);
        store.flush();
    }

    private static List<Long> seqs(List<AgentEvent> events) {
        return events.stream().map(AgentEvent::seq).toList();
    }

    @Test
    void recoversPastTheCheckpointAndKeepsTheHoles() throws Exception {
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dir))) {
            // a crash left 1..100 and 102..110 in the index (101 was written after 102..110 and torn)
            store(store, "a1", LongStream.rangeClosed(1, 100));
            store(store, "a1", LongStream.rangeClosed(102, 110));
            store(store, "a2", LongStream.rangeClosed(1, 5));
            new AgentCheckpoint(dir.resolve("agents")).write(Map.of("a1", new AgentCheckpoint.Entry(50, 200)));
            AgentStats stats = new AgentStats();
            try (AgentLedger ledger = new AgentLedger(dir.resolve("agents"), store, stats)) {
                AgentState a1 = ledger.open("a1").get();
                assertThat(ledger.durable(a1)).isEqualTo(100);
                assertThat(a1.recovered).containsExactlyElementsOf(LongStream.rangeClosed(102, 110).boxed().toList());
                // only the blocks between the checkpoint and the ceiling were read, not the agent's whole history
                assertThat(stats.recoveryEventsRead.sum()).isEqualTo(109);
                AgentLedger.Admission a = ledger.admit(a1, events(LongStream.rangeClosed(95, 120)));
                assertThat(seqs(a.fresh())).containsExactlyElementsOf(
                        LongStream.concat(LongStream.of(101), LongStream.rangeClosed(111, 120)).boxed().toList());
                assertThat(stats.duplicates.sum()).isEqualTo(15);
                assertThat(a.maxPending()).isEqualTo(120);
                assertThat(a1.recovered).isNull();
                // sent again before those are stored: nothing new, acknowledged once 101 is stored
                AgentLedger.Admission again = ledger.admit(a1, events(LongStream.rangeClosed(96, 101)));
                assertThat(again.fresh()).isEmpty();
                assertThat(again.maxPending()).isEqualTo(101);
                assertThat(ledger.admit(a1, events(LongStream.rangeClosed(90, 100))).maxPending()).isZero();
                // an agent the checkpoint does not name never had anything accepted: no look-up at all
                assertThat(ledger.durable(ledger.open("a3").get())).isZero();
            }
        }
    }

    @Test
    void batchOfStoredEventsBeyondAGapIsAcknowledgedAtOnce() throws Exception {
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dir))) {
            // 101 does not exist in the agent's queue (a repair dropped it): 102..110 are stored after a gap
            store(store, "a1", LongStream.rangeClosed(1, 100));
            store(store, "a1", LongStream.rangeClosed(102, 110));
            new AgentCheckpoint(dir.resolve("agents")).write(Map.of("a1", new AgentCheckpoint.Entry(100, 200)));
            try (AgentLedger ledger = new AgentLedger(dir.resolve("agents"), store, new AgentStats())) {
                AgentState a1 = ledger.open("a1").get();
                assertThat(ledger.durable(a1)).isEqualTo(100);
                AgentLedger.Admission a = ledger.admit(a1, events(LongStream.rangeClosed(102, 110)));
                assertThat(a.fresh()).isEmpty();
                assertThat(a.maxPending()).isZero();
            }
        }
    }

    @Test
    void damagedCheckpointIsKeptAsideAndEachAgentIsReadInFull() throws Exception {
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dir))) {
            store(store, "a2", LongStream.rangeClosed(1, 5000));
            Files.createDirectories(dir.resolve("agents"));
            Files.writeString(dir.resolve("agents/checkpoint"), "vigil-agents 1\na2 12 x\n");
            try (AgentLedger ledger = new AgentLedger(dir.resolve("agents"), store, new AgentStats())) {
                assertThat(ledger.durable(ledger.open("a2").get())).isEqualTo(5000);
                ledger.finish();
            }
            assertThat(dir.resolve("agents/checkpoint.damaged")).exists();
            assertThat(Files.readString(dir.resolve("agents/checkpoint"))).isEqualTo("vigil-agents 1\na2 5000 5000\n");
        }
    }
}

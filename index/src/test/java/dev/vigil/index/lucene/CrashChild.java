package dev.vigil.index.lucene;

import dev.vigil.core.event.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Run in a child JVM by {@link CrashDurabilityTest}: appends numbered events until killed, printing
 * {@code ACK <last id> <ms from append to durable>} once a batch is durable (the sender may be told).
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(Path.of(args[0])));
        ConcurrentNavigableMap<Long, long[]> pending = new ConcurrentSkipListMap<>();
        Thread acker = new Thread(() -> {
            while (true) {
                long durable = store.durableSequence();
                ConcurrentNavigableMap<Long, long[]> done = pending.headMap(durable, true);
                for (var e : done.entrySet()) {
                    long[] v = e.getValue();
                    System.out.println("ACK " + v[0] + " " + (System.nanoTime() - v[1]) / 1_000_000);
                }
                done.clear();
                System.out.flush();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        });
        acker.setDaemon(true);
        acker.start();
        long id = 0;
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        while (true) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                id++;
                batch.add(TestEvents.line("crash test event evt" + id + " payload", "misc", "main",
                        t0.plusMillis(id * 10)));
            }
            long now = System.nanoTime();
            long seq = store.append(batch);
            pending.put(seq, new long[] {id, now});
            Thread.sleep(2);
        }
    }
}

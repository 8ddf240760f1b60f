package dev.vigil.index.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.index.EventQuery;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir Path dir;
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private static Event at(String index, Instant t, String text) {
        return Event.builder().received(t).raw(text.getBytes(StandardCharsets.UTF_8)).sourcetype("misc").index(index).build();
    }

    private LuceneEventStore fill() throws Exception {
        LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dir));
        List<Event> batch = new ArrayList<>();
        for (int day = 0; day < 10; day++) {
            for (int i = 0; i < 200; i++) {
                batch.add(at("main", NOW.minus(Duration.ofDays(day)).plusSeconds(i), "event " + day + " " + i + " " + "y".repeat(200)));
                batch.add(at("web", NOW.minus(Duration.ofDays(day)).plusSeconds(i), "web " + day + " " + i));
            }
        }
        store.append(batch);
        store.flush();
        store.commit();
        return store;
    }

    @Test
    void timeBasedDeletesWholeDaysOlderThanTheAgeAndLogsThem() throws Exception {
        try (LuceneEventStore store = fill()) {
            List<Retention.Deletion> d = new Retention().add("main", new TimeBasedRetention(Duration.ofDays(3))).run(store, NOW);
            // days ending at or before NOW-3d: 2026-03-01 .. 2026-03-06
            assertThat(d).extracting(Retention.Deletion::day).containsExactlyInAnyOrder(
                    LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"),
                    LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06"));
            assertThat(d).allSatisfy(x -> assertThat(x.index()).isEqualTo("main"));
            assertThat(store.count(EventQuery.all().in("main"))).isEqualTo(4 * 200);
            assertThat(store.count(EventQuery.all().in("web"))).isEqualTo(10 * 200);
            assertThat(dir.resolve("index/main/2026-03-06")).doesNotExist();
            assertThat(dir.resolve("index/main/2026-03-07")).isDirectory();
        }
    }

    @Test
    void sizeBasedDeletesOldestUntilUnderTheLimitIndependentlyOfAge() throws Exception {
        try (LuceneEventStore store = fill()) {
            long total = store.partitions().stream().filter(p -> p.index().equals("web"))
                    .mapToLong(LuceneEventStore.PartitionInfo::sizeBytes).sum();
            long limit = total / 2;
            Retention r = new Retention().add("*", new SizeBasedRetention(limit))
                    .add("main", new TimeBasedRetention(Duration.ofDays(365)));
            List<Retention.Deletion> d = r.run(store, NOW);
            assertThat(d).allSatisfy(x -> assertThat(x.index()).isEqualTo("web"));
            long left = store.partitions().stream().filter(p -> p.index().equals("web"))
                    .mapToLong(LuceneEventStore.PartitionInfo::sizeBytes).sum();
            assertThat(left).isLessThanOrEqualTo(limit);
            LocalDate oldestLeft = store.partitions().stream().filter(p -> p.index().equals("web"))
                    .map(LuceneEventStore.PartitionInfo::day).min(LocalDate::compareTo).orElseThrow();
            assertThat(d).allSatisfy(x -> assertThat(x.day()).isBefore(oldestLeft));
            assertThat(store.count(EventQuery.all().in("main"))).isEqualTo(10 * 200);
        }
    }

    @Test
    void bothPoliciesApplyTogether() throws Exception {
        try (LuceneEventStore store = fill()) {
            Retention r = new Retention().add("web", new TimeBasedRetention(Duration.ofDays(8)))
                    .add("web", new SizeBasedRetention(Long.MAX_VALUE));
            // only 2026-03-01 ends before NOW-8d; the size limit is not reached
            assertThat(r.run(store, NOW)).extracting(Retention.Deletion::day).containsExactly(LocalDate.parse("2026-03-01"));
            assertThat(store.count(EventQuery.all().in("web"))).isEqualTo(9 * 200);
        }
    }
}

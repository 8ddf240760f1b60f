package dev.vigil.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.index.EventQuery;
import dev.vigil.index.query.Filter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts from doc values (with the aggregation cache) equal counts from reading every event: a store
 * with doc values and a cache against one without either, on the same random events.
 */
class AggregationsTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir Path dir;

    private static List<Event> randomEvents(Random r, int n) {
        String[] users = {"root", "alice", "Bob", "carol"};
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder raw = new StringBuilder("app: n=").append(i);
            if (r.nextInt(4) > 0) {
                raw.append(" src=10.0.").append(r.nextInt(3)).append('.').append(r.nextInt(20));
            }
            int u = r.nextInt(3);
            for (int k = 0; k < u; k++) {
                raw.append(" user=").append(users[r.nextInt(users.length)]); // repeated keys: multivalue
            }
            if (r.nextInt(10) == 0) {
                raw.append(" rare");
            }
            Instant t = T0.plusSeconds(r.nextInt(3 * 86_400));
            if (r.nextBoolean()) {
                t = t.plusNanos(r.nextInt(1_000_000) * 1000L); // microseconds, besides whole seconds on bucket edges
            }
            out.add(TestEvents.line(raw.toString(), r.nextBoolean() ? "alpha" : "beta", r.nextInt(5) == 0 ? "web" : "main", t)
                    .toBuilder().hostname("h" + r.nextInt(7)).build());
        }
        return out;
    }

    @Test
    void docValuesAndCacheGiveTheCountsOfReadingEveryEvent() throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("AggregationsTest seed: -Dtests.seed=" + seed);
        Random r = new Random(seed);
        StoreOptions fast = StoreOptions.defaults(dir.resolve("fast")).withDocValueFields(Set.of("src", "user"));
        StoreOptions slow = StoreOptions.defaults(dir.resolve("slow")).withDocValueFields(Set.of()).withAggregationCacheBytes(0);
        try (LuceneEventStore a = new LuceneEventStore(fast); LuceneEventStore b = new LuceneEventStore(slow)) {
            for (int round = 0; round < 2; round++) {
                List<Event> batch = randomEvents(r, 200 + r.nextInt(200));
                a.append(batch);
                b.append(batch);
                a.flush();
                b.flush();
                List<EventQuery> queries = List.of(EventQuery.all(), EventQuery.of(Filter.term("rare")),
                        EventQuery.all().in("web"),
                        new EventQuery(T0.plusSeconds(5000), T0.plusSeconds(2 * 86_400 + 77), List.of(), Filter.ALL, 0,
                                EventQuery.Order.ANY));
                for (int pass = 0; pass < 2; pass++) { // the second pass is answered from the cache
                    for (EventQuery q : queries) {
                        for (String field : List.of("src", "user", "host", "sourcetype", "index", "nosuch")) {
                            assertThat(a.countBy(q, field, 0)).as("countBy %s %s", field, q).isEqualTo(b.countBy(q, field, 0));
                        }
                        for (String by : new String[] {null, "user", "src", "index", "nosuch"}) {
                            for (Duration span : List.of(Duration.ofSeconds(45), Duration.ofMinutes(7), Duration.ofDays(1))) {
                                assertThat(a.histogram(q, span, by)).as("histogram %s %s %s", span, by, q)
                                        .isEqualTo(b.histogram(q, span, by));
                            }
                        }
                    }
                }
            }
            assertThat(a.aggregationCache().hits()).isPositive();
        }
    }

    @Test
    void cachedCountsFollowNewEvents() throws IOException {
        try (LuceneEventStore s = new LuceneEventStore(StoreOptions.defaults(dir))) {
            s.append(List.of(TestEvents.line("x src=1.1.1.1", "misc", "main", T0)));
            s.flush();
            assertThat(s.countBy(EventQuery.all(), "src", 0).get(0).count()).isEqualTo(1);
            assertThat(s.countBy(EventQuery.all(), "src", 0).get(0).count()).isEqualTo(1);
            long hits = s.aggregationCache().hits();
            assertThat(hits).isPositive();
            s.append(List.of(TestEvents.line("y src=1.1.1.1", "misc", "main", T0.plusSeconds(1))));
            s.flush();
            assertThat(s.countBy(EventQuery.all(), "src", 0).get(0).count()).isEqualTo(2);
            assertThat(s.histogram(EventQuery.all(), Duration.ofHours(1), "src").get(T0.getEpochSecond()))
                    .containsEntry("1.1.1.1", 2L);
        }
    }
}

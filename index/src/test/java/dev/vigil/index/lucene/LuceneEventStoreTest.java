package dev.vigil.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.ValueCount;
import dev.vigil.index.query.Filter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneEventStoreTest {
    @TempDir Path dir;
    LuceneEventStore store;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @BeforeEach
    void open() throws IOException {
        store = new LuceneEventStore(StoreOptions.defaults(dir));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private void add(String raw, String sourcetype, String index, Instant t) throws IOException {
        store.append(List.of(TestEvents.line(raw, sourcetype, index, t)));
    }

    private List<String> raws(Filter f) throws IOException {
        try (Stream<StoredEvent> s = store.search(EventQuery.of(f))) {
            return s.map(StoredEvent::raw).collect(Collectors.toList());
        }
    }

    @Test
    void returnsEventsNewestFirstAcrossDaysAndIndexes() throws IOException {
        add("first event", "misc", "main", T0);
        add("third event", "misc", "web", T0.plus(Duration.ofDays(1)));
        add("second event", "misc", "web", T0.plusSeconds(60));
        store.flush();
        assertThat(raws(Filter.ALL)).containsExactly("third event", "second event", "first event");
        assertThat(dir.resolve("index/main/2026-03-01")).isDirectory();
        assertThat(dir.resolve("index/web/2026-03-02")).isDirectory();
        assertThat(store.indexes()).containsExactly("main", "web");
    }

    @Test
    void matchesTermsCaseInsensitivelyBySegment() throws IOException {
        add("Failed password for root from 10.1.2.3 port 22 ssh2", "misc", "main", T0);
        add("session opened for user alice", "misc", "main", T0.plusSeconds(1));
        store.flush();
        assertThat(raws(Filter.term("FAILED"))).hasSize(1);
        assertThat(raws(Filter.term("10.1.2.3"))).hasSize(1);
        assertThat(raws(Filter.term("1.2.3"))).hasSize(1);
        assertThat(raws(Filter.term("2.3.4"))).isEmpty();
        assertThat(raws(Filter.term("10"))).hasSize(1);
        assertThat(raws(Filter.term("pass*"))).hasSize(1);
        assertThat(raws(Filter.term("*ice"))).hasSize(1);
        assertThat(raws(Filter.term("fail"))).isEmpty();
        assertThat(raws(new Filter.RawPhrase("password for ROOT"))).hasSize(1);
        assertThat(raws(new Filter.RawPhrase("for root password"))).isEmpty();
        assertThat(raws(Filter.not(Filter.term("alice")))).containsExactly("Failed password for root from 10.1.2.3 port 22 ssh2");
        assertThat(raws(Filter.or(Filter.term("alice"), Filter.term("root")))).hasSize(2);
    }

    @Test
    void matchesExtractedFieldsAndDefaultFields() throws IOException {
        add("Mar  1 10:00:00 web01 sshd[42]: Failed password for invalid user admin from 192.0.2.7 port 4711 ssh2",
                "linux_secure", "main", T0);
        add("Mar  1 10:00:05 web02 sshd[43]: Accepted publickey for bob from 192.0.2.8 port 4712 ssh2",
                "linux_secure", "main", T0);
        add("192.0.2.9 - - [01/Mar/2026:10:00:07 +0000] \"GET /a?b=c HTTP/1.1\" 404 12 \"-\" \"curl/8.0\"",
                null, "main", T0);
        store.flush();
        assertThat(raws(Filter.field("action", "FAILURE"))).hasSize(1);
        assertThat(raws(Filter.field("user", "ad*"))).hasSize(1);
        assertThat(raws(Filter.field("src_port", "4712"))).hasSize(1);
        assertThat(raws(Filter.field("sourcetype", "ACCESS_COMBINED"))).hasSize(1);
        assertThat(raws(Filter.field("sc-status", "404"))).hasSize(1);
        assertThat(raws(new Filter.FieldRange("status", Filter.Op.GE, "400"))).hasSize(1);
        assertThat(raws(new Filter.FieldRange("status", Filter.Op.LT, "400"))).isEmpty();
        assertThat(raws(new Filter.FieldExists("useragent"))).hasSize(1);
        assertThat(raws(Filter.field("nosuchfield", "x"))).isEmpty();
        assertThat(raws(Filter.field("host", "web0*"))).hasSize(2);
        assertThat(raws(Filter.field("index", "main"))).hasSize(3);
        assertThat(raws(Filter.field("index", "other"))).isEmpty();
        try (Stream<StoredEvent> s = store.search(EventQuery.of(Filter.field("action", "success")))) {
            StoredEvent e = s.findFirst().orElseThrow();
            assertThat(e.host()).isEqualTo("web02");
            assertThat(e.get("process")).isEqualTo("sshd");
            assertThat(e.get("authentication_method")).isEqualTo("publickey");
        }
    }

    @Test
    void restrictsByTimeRange() throws IOException {
        for (int i = 0; i < 10; i++) {
            add("tick " + i, "misc", "main", T0.plusSeconds(i * 3600L));
        }
        store.flush();
        EventQuery q = EventQuery.all().between(T0.plusSeconds(3600), T0.plusSeconds(3 * 3600));
        try (Stream<StoredEvent> s = store.search(q)) {
            assertThat(s.map(StoredEvent::raw)).containsExactly("tick 2", "tick 1");
        }
        assertThat(store.count(q)).isEqualTo(2);
        assertThat(store.count(EventQuery.all().limit(3))).isEqualTo(10);
        try (Stream<StoredEvent> s = store.search(EventQuery.all().limit(3))) {
            assertThat(s.map(StoredEvent::raw)).containsExactly("tick 9", "tick 8", "tick 7");
        }
    }

    @Test
    void countsByFieldAndTimeFromDocValues() throws IOException {
        for (int i = 0; i < 30; i++) {
            store.append(List.of(TestEvents.line("app: n=" + i, "misc", "main", T0.plusSeconds(i * 600L)).toBuilder()
                    .hostname("h" + (i % 3)).build()));
        }
        store.flush();
        List<ValueCount> byHost = store.countBy(EventQuery.all(), "host", 0);
        assertThat(byHost).containsExactly(new ValueCount("h0", 10), new ValueCount("h1", 10), new ValueCount("h2", 10));
        assertThat(store.countBy(EventQuery.of(Filter.field("n", "1*")), "host", 1)).hasSize(1);
        SortedMap<Long, Map<String, Long>> h = store.histogram(EventQuery.all(), Duration.ofHours(1), "host");
        assertThat(h).hasSize(5);
        assertThat(h.get(T0.getEpochSecond())).containsEntry("h0", 2L).containsEntry("h1", 2L).containsEntry("h2", 2L);
        assertThat(store.histogram(EventQuery.all(), Duration.ofHours(1), "nosuch").get(T0.getEpochSecond()))
                .containsEntry("NULL", 6L);
    }

    @Test
    void newEventsBecomeSearchableWithinOneSecond() throws Exception {
        add("needle appeared", "misc", "main", Instant.now());
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        long found = 0;
        while (System.nanoTime() < deadline && found == 0) {
            found = store.count(EventQuery.of(Filter.term("needle")));
            Thread.sleep(20);
        }
        assertThat(found).isEqualTo(1);
    }

    @Test
    void keepsEventsAcrossReopen() throws IOException {
        Event e = TestEvents.line("persisted line", "misc", "main", T0);
        long seq = store.append(List.of(e));
        store.flush();
        assertThat(store.durableSequence()).isGreaterThanOrEqualTo(seq);
        store.close();
        store = new LuceneEventStore(StoreOptions.defaults(dir));
        assertThat(raws(Filter.term("persisted"))).containsExactly("persisted line");
        assertThat(Files.list(dir.resolve("index/main")).count()).isEqualTo(1);
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsReadOnly() throws IOException {
        add("committed line", "misc", "main", T0);
        store.flush();
        store.commit();
        try (LuceneEventStore reader = new LuceneEventStore(StoreOptions.defaults(dir))) {
            assertThat(reader.isReadOnly()).isTrue();
            assertThat(reader.count(EventQuery.of(Filter.term("committed")))).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.append(List.of(TestEvents.line("x", "misc", "main", T0))))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use by another process");
        }
        assertThat(store.isReadOnly()).isFalse();
        add("still writable", "misc", "main", T0);
        store.flush();
        assertThat(raws(Filter.term("writable"))).hasSize(1);
    }

    @Test
    void closedPastDaysAreMergedToOneSegmentAndKeepTheirEvents() throws Exception {
        store.close();
        StoreOptions one = StoreOptions.defaults(dir);
        store = new LuceneEventStore(new StoreOptions(dir, one.commitInterval(), one.luceneCommitInterval(),
                one.refreshInterval(), one.ramBufferMb(), 1, "main", 2, one.docValueFields(), one.aggregationCacheBytes()));
        for (int i = 0; i < 5; i++) {
            add("day one part " + i, "misc", "main", T0.plusSeconds(i));
            store.flush(); // one segment per refresh
        }
        Thread.sleep(1100); // the writer must be idle before it is closed
        add("day two", "misc", "main", T0.plus(Duration.ofDays(1)));
        Path dayOne = dir.resolve("index/main/2026-03-01");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline && segments(dayOne) != 1) {
            Thread.sleep(50);
        }
        assertThat(segments(dayOne)).isEqualTo(1);
        assertThat(store.count(EventQuery.of(Filter.term("one")))).isEqualTo(5);
        store.close();
        store = new LuceneEventStore(StoreOptions.defaults(dir));
        assertThat(store.count(EventQuery.all())).isEqualTo(6);
    }

    @Test
    void idlePastDaysAreCompactedTodayIsNot() throws Exception {
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            add("old part " + i, "misc", "main", T0.plusSeconds(i));
            add("new part " + i, "misc", "main", now.minusSeconds(i));
            store.flush(); // one segment per refresh
        }
        store.commit();
        Path old = dir.resolve("index/main/2026-03-01");
        Path today = dir.resolve("index/main/" + java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC));
        assertThat(segments(old)).isGreaterThan(1);
        store.compactPastDays(Duration.ofHours(1)); // not idle long enough
        assertThat(segments(old)).isGreaterThan(1);
        store.compactPastDays(Duration.ZERO);
        assertThat(segments(old)).isEqualTo(1);
        assertThat(segments(today)).isGreaterThan(1);
        assertThat(store.count(EventQuery.of(Filter.term("old")))).isEqualTo(4);
        add("old late", "misc", "main", T0.plusSeconds(99)); // a late event reopens the day
        store.flush();
        assertThat(store.count(EventQuery.of(Filter.term("old")))).isEqualTo(5);
        store.close();
        store = new LuceneEventStore(StoreOptions.defaults(dir));
        assertThat(store.count(EventQuery.all())).isEqualTo(9);
    }

    private static long segments(Path partition) throws IOException {
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(partition)) {
            return org.apache.lucene.index.DirectoryReader.indexExists(d)
                    ? org.apache.lucene.index.SegmentInfos.readLatestCommit(d).size() : -1;
        }
    }

    @Test
    void indexesLargeBatchesInParallel() throws IOException {
        List<Event> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            batch.add(TestEvents.line("bulk " + i + " marker" + (i % 7), "misc", "main", T0.plusMillis(i)));
        }
        store.append(batch);
        store.flush();
        assertThat(store.count(EventQuery.all())).isEqualTo(5000);
        assertThat(store.count(EventQuery.of(Filter.term("marker3")))).isEqualTo(5000 / 7 + (5000 % 7 > 3 ? 1 : 0));
        try (Stream<StoredEvent> s = store.search(EventQuery.all().limit(2))) {
            assertThat(s.map(StoredEvent::raw)).containsExactly("bulk 4999 marker1", "bulk 4998 marker0");
        }
    }
}

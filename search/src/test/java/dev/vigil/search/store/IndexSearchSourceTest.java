package dev.vigil.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.Event;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.index.query.Filter;
import dev.vigil.search.Fixtures;
import dev.vigil.search.Spl;
import dev.vigil.search.exec.SearchLimits;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.exec.Searcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching the real Lucene store: filters pushed down, counts pushed down, same answers as without pushdown. */
class IndexSearchSourceTest {
    static final Instant T0 = Instant.parse("2024-03-10T12:00:00Z");
    @TempDir Path dir;
    LuceneEventStore store;
    long seed;

    @BeforeEach
    void fill() throws Exception {
        store = new LuceneEventStore(StoreOptions.defaults(dir));
        seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("IndexSearchSourceTest seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        List<Event> batch = new ArrayList<>();
        String[] hosts = {"web01", "web02", "db01", "mail"};
        String[] types = {"syslog", "linux_secure", "access_combined"};
        for (int i = 0; i < 3000; i++) {
            String raw = "action=" + (rnd.nextInt(5) == 0 ? "fail" : "ok") + " src=10.0.0." + rnd.nextInt(20)
                    + " user=u" + rnd.nextInt(9) + (rnd.nextInt(10) == 0 ? "" : " status=" + (200 + rnd.nextInt(3) * 100));
            Instant t = T0.plusSeconds(rnd.nextInt(4 * 3600));
            batch.add(Event.builder().received(t).raw(raw.getBytes(StandardCharsets.UTF_8)).msg(raw)
                    .hostname(hosts[rnd.nextInt(hosts.length)]).sourcetype(types[rnd.nextInt(types.length)])
                    .index("main").source("gen").build());
        }
        store.append(batch);
        store.flush();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    SearchResult search(String q, boolean pushdown) throws Exception {
        return new Searcher(new IndexSearchSource(store), null, ZoneOffset.UTC, SearchLimits.defaults(), pushdown)
                .search(q, null, null);
    }

    @Test
    void compilesSearchTermsIntoTheIndexFilterTree() {
        Filter f = FilterCompiler.compile(Spl.parse("fail* (web OR db) status!=200 host=web* NOT user=u1 n>5 src IN (a, b)")
                .initialSearch());
        assertThat(f.toString()).isEqualTo("(fail* AND (web OR db) AND (status=* AND NOT status=200) AND host=web* AND "
                + "NOT user=u1 AND n>5 AND (src=a OR src=b))");
    }

    @Test
    void pushedDownCountsEqualCountingEveryEvent() throws Exception {
        for (String q : List.of("* | stats count by host", "action=fail | stats count AS n by src", "* | top 10 src",
                "status!=200 | rare user", "* | timechart span=1h count by sourcetype", "* | timechart span=30m count",
                "action=ok | timechart span=1h limit=2 count by host", "NOT status=200 | stats count by status")) {
            SearchResult fast = search(q, true), slow = search(q, false);
            assertThat(Fixtures.lines(fast)).as("%s (seed %d)", q, seed).isEqualTo(Fixtures.lines(slow));
            assertThat(fast.scanned()).as("pushdown of %s reads no events", q).isZero();
        }
    }

    @Test
    void dataDirSearchOpensTheIndexOfADirectory() throws Exception {
        String expected = Fixtures.lines(search("* | stats count by sourcetype", false)).toString();
        store.close();
        SearchResult r = dev.vigil.search.client.DataDirSearch.run(dir, "* | stats count by sourcetype", "0", null,
                ZoneOffset.UTC);
        assertThat(Fixtures.lines(r).toString()).isEqualTo(expected);
        store = new LuceneEventStore(StoreOptions.defaults(dir));
    }

    @Test
    void streamsMatchingEventsNewestFirstWithStoredFields() throws Exception {
        SearchResult r = search("action=fail host=web0* | table _time host user action", false);
        assertThat(r.rows()).isNotEmpty();
        List<Double> times = new ArrayList<>();
        r.rows().forEach(row -> times.add(row.time()));
        assertThat(times).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(Fixtures.column(r, "action")).containsOnly("fail");
        assertThat(Fixtures.column(r, "host")).allMatch(h -> h.startsWith("web0"));
        long fails = Fixtures.lines(search("action=fail host=web0* | stats count", false)).stream().findFirst()
                .map(s -> Long.parseLong(s.substring("count=".length()))).orElseThrow();
        assertThat((long) r.rows().size()).isEqualTo(fails);
    }
}

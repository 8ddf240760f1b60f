package dev.vigil.search.command;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.exec.SearchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** timechart, chart, top and rare per the Search Reference. */
class ChartingCmdTest {
    @Test
    void timechartBucketsBySpanAndFillsEmptyBucketsWithZeroCounts() {
        var events = List.of(ev(T0 + 10, "a", "st", "x"), ev(T0 + 20, "b", "st", "y"), ev(T0 + 7300, "c", "st", "x"));
        var r = run(events, "* | timechart span=1h count by st");
        assertThat(r.columns()).containsExactly("_time", "x", "y");
        assertThat(lines(r)).containsExactly("_time=1710072000 x=1 y=1", "_time=1710075600 x=0 y=0",
                "_time=1710079200 x=1 y=0");
        assertThat(lines(run(events, "* | timechart span=1h count"))).containsExactly(
                "_time=1710072000 count=2", "_time=1710075600 count=0", "_time=1710079200 count=1");
        // over an explicit range every bucket of the range is present
        assertThat(run(events, "* | timechart span=1h count", String.valueOf((long) T0 - 7200),
                String.valueOf((long) T0 + 3 * 3600), null).rows()).hasSize(5);
    }

    @Test
    void timechartWithoutSpanPicksTheAutoSpanForTheEventsRange() {
        // 72 hours of events every 10 s: 100 bins need a 1h span (30m would give 144 buckets)
        List<SearchEvent> events = new ArrayList<>();
        for (int i = 0; i < 72 * 360; i++) events.add(ev(T0 + 10.0 * i, "e", "k", i % 2 == 0 ? "a" : "b"));
        var r = run(events, "* | timechart count by k");
        assertThat(r.rows()).hasSize(72);
        assertThat(r.rows()).allSatisfy(row -> {
            assertThat(row.get("_span")).isEqualTo(3600.0);
            assertThat(row.get("a")).isEqualTo(180.0);
        });
    }

    @Test
    void timechartKeepsTenSeriesAndFoldsTheRestIntoOther() {
        // Search Reference, timechart: limit defaults to 10; other series are combined into OTHER (useother=t)
        List<SearchEvent> events = new ArrayList<>();
        for (int s = 0; s < 12; s++) for (int k = 0; k <= s; k++) events.add(ev(T0 + k, "e", "src", "s" + (char) ('a' + s)));
        var r = run(events, "* | timechart span=1d count by src");
        assertThat(r.columns()).containsExactly("_time", "sc", "sd", "se", "sf", "sg", "sh", "si", "sj", "sk", "sl", "OTHER");
        assertThat(lines(r).get(0)).endsWith("sl=12 OTHER=3");
        assertThat(run(events, "* | timechart span=1d limit=2 useother=f count by src").columns())
                .containsExactly("_time", "sk", "sl");
        var nul = run(List.of(ev(T0, "a", "src", "x"), ev(T0, "b")), "* | timechart span=1m count by src");
        assertThat(nul.columns()).containsExactly("_time", "x", "NULL");
    }

    @Test
    void timechartAggregatesOtherFunctionsExactly() {
        var events = List.of(ev(T0, "a", "v", "2", "k", "p"), ev(T0 + 1, "b", "v", "4", "k", "q"), ev(T0 + 2, "c", "v", "9", "k", "r"));
        assertThat(lines(run(events, "* | timechart span=1m limit=1 avg(v) by k")))
                .containsExactly("_time=1710072000 r=9 OTHER=3");
    }

    @Test
    void chartOverByMakesOneColumnPerValue() {
        var events = List.of(ev(T0, "a", "host", "h1", "status", "200"), ev(T0, "b", "host", "h1", "status", "404"),
                ev(T0, "c", "host", "h2", "status", "200"), ev(T0, "d", "host", "h2", "status", "200"));
        var r = run(events, "* | chart count over host by status");
        assertThat(r.columns()).containsExactly("host", "200", "404");
        assertThat(lines(r)).containsExactly("host=h1 200=1 404=1", "host=h2 200=2 404=0");
        assertThat(lines(run(events, "* | chart count by status"))).containsExactly("status=200 count=3", "status=404 count=1");
    }

    @Test
    void topMatchesSortUniqCountAndRareIsItsReverse(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("topMatchesSortUniq seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        List<SearchEvent> events = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            // distinct counts (i*i skew) so the order has no ties
            String src = "10.0.0." + (int) Math.sqrt(rnd.nextInt(400));
            events.add(ev(T0 - i, "src=" + src));
            file.append(src).append('\n');
        }
        Files.writeString(dir.resolve("src.txt"), file);
        Process p = new ProcessBuilder("sh", "-c", "sort " + dir.resolve("src.txt") + " | uniq -c | sort -k1,1nr -k2 | head -10"
                + " | awk '{printf \"src=%s count=%s percent=%.6f\\n\", $2, $1, $1*100/3000}'").start();
        List<String> expected = List.of(new String(p.getInputStream().readAllBytes()).strip().split("\n"));
        assertThat(lines(run(events, "* | top src"))).containsExactlyElementsOf(expected);
        assertThat(run(events, "* | top limit=3 showperc=f src").columns()).containsExactly("src", "count");
        var rare = run(events, "* | rare src");
        assertThat(column(rare, "src").get(0)).isEqualTo("10.0.0.0");
    }

    @Test
    void topCountsValueCombinationsPerByGroupWithOther() {
        var events = List.of(ev(T0, "a", "u", "x", "h", "1"), ev(T0, "b", "u", "x", "h", "1"), ev(T0, "c", "u", "y", "h", "1"),
                ev(T0, "d", "u", "z", "h", "2"));
        assertThat(lines(run(events, "* | top limit=1 useother=t u by h")))
                .containsExactly("h=1 u=x count=2 percent=66.666667", "h=1 u=OTHER count=1 percent=33.333333",
                        "h=2 u=z count=1 percent=100.000000");
    }
}

package dev.vigil.search.command;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.Spl;
import dev.vigil.search.exec.SearchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stats, eventstats, streamstats per the Search Reference. */
class StatsCmdTest {
    static List<SearchEvent> sales() {
        List<SearchEvent> out = new ArrayList<>();
        String[][] rows = {{"web01", "10", "GET"}, {"web01", "20", "POST"}, {"web02", "30", "GET"}, {"web02", "x", "GET"},
                {"web03", "5", null}, {null, "7", "GET"}};
        for (int i = 0; i < rows.length; i++) {
            out.add(ev(T0 - i, "line " + i, "host", rows[i][0], "bytes", rows[i][1], "method", rows[i][2]));
        }
        return out;
    }

    @Test
    void statsDropsRowsWhoseByFieldIsNullAndSortsByTheGroup() {
        // Search Reference, stats: "events that do not have a value in the BY field are not included"
        assertThat(lines(run(sales(), "* | stats count by method"))).containsExactly("method=GET count=4", "method=POST count=1");
        assertThat(lines(run(sales(), "* | stats count, sum(bytes) AS total by host, method")))
                .containsExactly("host=web01 method=GET count=1 total=10", "host=web01 method=POST count=1 total=20",
                        "host=web02 method=GET count=2 total=30");
    }

    @Test
    void aggregatesTakeEvalExpressions() {
        // the common idiom stats count(eval(cond)) AS n counts the events where cond is true
        assertThat(lines(run(sales(), "* | stats count(eval(method=\"GET\")) AS gets, sum(eval(bytes*2)) AS dbl by host")))
                .containsExactly("host=web01 gets=1 dbl=60", "host=web02 gets=2 dbl=60", "host=web03 gets=0 dbl=10");
        assertThat(Spl.parse("* | stats count(eval(a>1))").toSpl()).isEqualTo("search * | stats count(eval((a > 1)))");
    }

    @Test
    void statsWithoutByGivesOneRowEvenForNoEvents() {
        assertThat(lines(run(sales(), "nomatch | stats count"))).containsExactly("count=0");
        assertThat(run(sales(), "nomatch | stats count by host").rows()).isEmpty();
    }

    @Test
    void aggregatesIgnoreNonNumericValuesAndNameColumnsAsWritten() {
        var r = run(sales(), "* | stats count(bytes) avg(bytes) min(bytes) max(bytes) range(bytes) dc(host) mode(method) "
                + "values(host) list(method) first(bytes) last(bytes)");
        assertThat(r.columns()).containsExactly("count(bytes)", "avg(bytes)", "min(bytes)", "max(bytes)", "range(bytes)",
                "dc(host)", "mode(method)", "values(host)", "list(method)", "first(bytes)", "last(bytes)");
        // values() sorted and deduplicated; list() in order with duplicates; first = newest event
        assertThat(lines(r)).containsExactly("count(bytes)=6 avg(bytes)=14.4 min(bytes)=5 max(bytes)=30 range(bytes)=25 "
                + "dc(host)=3 mode(method)=GET values(host)=web01|web02|web03 list(method)=GET|POST|GET|GET|GET "
                + "first(bytes)=10 last(bytes)=7");
    }

    @Test
    void medianTakesTheHigherMiddleValueForEvenCounts() {
        // Search Reference, median: "If you have an even number of events, ... approximated to the higher of the two values"
        var events = List.of(ev(T0, "a", "v", "1"), ev(T0, "b", "v", "2"), ev(T0, "c", "v", "3"), ev(T0, "d", "v", "4"));
        assertThat(lines(run(events, "* | stats median(v) perc50(v) p75(v) exactperc25(v)")))
                .containsExactly("median(v)=3 perc50(v)=2.5 p75(v)=3.25 exactperc25(v)=1.75");
    }

    @Test
    void stdevAndVarMatchPythonStatistics() throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("stdevAndVarMatchPythonStatistics seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        List<SearchEvent> events = new ArrayList<>();
        StringBuilder nums = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            int v = rnd.nextInt(1000);
            events.add(ev(T0 - i, "x", "v", String.valueOf(v)));
            nums.append(nums.length() == 0 ? "" : ",").append(v);
        }
        List<String> py = python("import statistics as s; d=[" + nums + "]; print(repr(s.stdev(d))); print(repr(s.variance(d)));"
                + " print(repr(s.pstdev(d))); print(repr(s.pvariance(d)))");
        org.junit.jupiter.api.Assumptions.assumeTrue(py != null, "skipped: python3 not installed");
        var r = run(events, "* | stats stdev(v) var(v) stdevp(v) varp(v)").rows().get(0);
        assertThat((Double) r.get("stdev(v)")).isCloseTo(Double.parseDouble(py.get(0)), org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) r.get("var(v)")).isCloseTo(Double.parseDouble(py.get(1)), org.assertj.core.data.Offset.offset(1e-4));
        assertThat((Double) r.get("stdevp(v)")).isCloseTo(Double.parseDouble(py.get(2)), org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) r.get("varp(v)")).isCloseTo(Double.parseDouble(py.get(3)), org.assertj.core.data.Offset.offset(1e-4));
    }

    static List<String> python(String code) throws Exception {
        try {
            Process p = new ProcessBuilder("python3", "-c", code).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return List.of(out.strip().split("\n"));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Test
    void statsCountByMatchesSortUniqOverTheSameValues(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("statsCountByMatchesSortUniq seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        List<SearchEvent> events = new ArrayList<>();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            String h = "h" + rnd.nextInt(40);
            events.add(ev(T0 - i, "host=" + h, "host", h));
            file.append(h).append('\n');
        }
        Path f = dir.resolve("hosts.txt");
        Files.writeString(f, file);
        Process p = new ProcessBuilder("sh", "-c", "LC_ALL=C sort " + f + " | uniq -c | awk '{print \"host=\" $2 \" count=\" $1}'")
                .redirectErrorStream(true).start();
        List<String> expected = List.of(new String(p.getInputStream().readAllBytes()).strip().split("\n"));
        // rows come in the BY field's lexicographic order, which is sort's byte order here
        assertThat(lines(run(events, "* | stats count by host"))).containsExactlyElementsOf(expected);
    }

    @Test
    void eventstatsAddsGroupAggregatesToEveryEvent() {
        assertThat(lines(run(sales(), "* | eventstats count AS n by host | table host n")))
                .containsExactly("host=web01 n=2", "host=web01 n=2", "host=web02 n=2", "host=web02 n=2", "host=web03 n=1", "host= n=");
    }

    @Test
    void streamstatsKeepsRunningAggregatesWithWindowAndCurrent() {
        var events = new ArrayList<SearchEvent>();
        for (int i = 1; i <= 5; i++) events.add(ev(T0 - i, "e", "v", String.valueOf(i)));
        assertThat(column(run(events, "* | streamstats sum(v) AS s"), "s")).containsExactly("1", "3", "6", "10", "15");
        assertThat(column(run(events, "* | streamstats window=2 sum(v) AS s"), "s")).containsExactly("1", "3", "5", "7", "9");
        assertThat(column(run(events, "* | streamstats current=f count AS c"), "c")).containsExactly("0", "1", "2", "3", "4");
    }
}

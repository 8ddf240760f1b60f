package dev.vigil.search.exec;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.parse.SplSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input never crashes a search: random pipelines of real commands over random events either run or
 * fail with a syntax error or a clear IllegalArgumentException, never with an internal exception.
 */
class PipelineFuzzTest {
    static final String[] FIELDS = {"a", "b", "n", "host", "missing", "_raw", "_time", "mv"};
    static final String[] COMMANDS = {
            "stats count by %f", "stats avg(%f) min(%f) max(%f) dc(%f) values(%f) by %f", "eventstats sum(%f) by %f",
            "streamstats window=3 count avg(%f)", "timechart span=1m count by %f", "timechart limit=2 max(%f) by %f",
            "timechart count", "chart count over %f by %f", "top %f", "rare limit=2 %f by %f", "table %f %f", "fields - %f",
            "rename %f AS x", "sort -%f", "sort num(%f), str(%f)", "head 3", "tail 2", "dedup %f", "dedup 2 %f keepempty=t",
            "rex field=%f \"(?<g>\\d+)\"", "rex mode=sed field=%f \"s/\\d/#/g\"", "bin %f span=10", "bin _time bins=5",
            "fillnull", "fillnull value=X %f", "spath input=%f", "transaction %f maxspan=10s", "where %f > 3",
            "where isnull(%f) OR like(%f, \"a%\")", "eval x=%f . %f, y=%f * 2 + len(%f)",
            "eval z=mvindex(split(%f, \",\"), 0, -1), w=substr(%f, -2), v=round(%f / 3, 2)",
            "eval t=strftime(%f, \"%Y %H\"), u=strptime(%f, \"%d/%m\"), c=cidrmatch(\"10.0.0.0/8\", %f)",
            "eval r=replace(%f, \"(\\w)\", \"\\1\\1\"), m=if(match(%f, \"^a\"), 1, 0), q=tonumber(%f, 16)",
            "search %f=* NOT %f=1", "regex %f=\"^[a-c]\"", "stats perc90(%f) median(%f) mode(%f) stdev(%f) range(%f)",
            "eval mv=mvappend(%f, %f) | stats list(mv) first(mv) last(mv) earliest(%f) latest(%f)"};

    @Test
    void randomPipelinesRunOrFailCleanly() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("PipelineFuzzTest seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<SearchEvent> events = new ArrayList<>();
            int n = rnd.nextInt(40);
            for (int i = 0; i < n; i++) {
                events.add(ev(T0 + rnd.nextInt(600), randomRaw(rnd), "a", randomValue(rnd), "b", randomValue(rnd),
                        "n", rnd.nextBoolean() ? String.valueOf(rnd.nextInt(20) - 5) : randomValue(rnd)));
            }
            StringBuilder q = new StringBuilder("*");
            int k = 1 + rnd.nextInt(4);
            for (int i = 0; i < k; i++) {
                String c = COMMANDS[rnd.nextInt(COMMANDS.length)];
                while (c.contains("%f")) c = c.replaceFirst("%f", FIELDS[rnd.nextInt(FIELDS.length)]);
                q.append(" | ").append(c);
            }
            String query = q.toString();
            try {
                SearchResult r = run(events, query);
                assertThat(r.rows().size()).isLessThanOrEqualTo(Math.max(n, 1) * 1000);
            } catch (SplSyntaxException e) {
                // a generated combination may be invalid, like rename onto a wildcard
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("message of %s (seed %d)", query, seed).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("query " + query + " crashed (seed " + seed + ")", e);
            }
        }
    }

    static String randomValue(Random rnd) {
        switch (rnd.nextInt(7)) {
            case 0: return null;
            case 1: return "";
            case 2: return String.valueOf(rnd.nextDouble() * 100);
            case 3: return "{\"k\": [1, {\"z\": \"q\"}]}";
            case 4: return "<r a=\"1\"><c>x</c></r>";
            case 5: return "10.0." + rnd.nextInt(3) + "." + rnd.nextInt(3);
            default: return "abc,def" + rnd.nextInt(3);
        }
    }

    static String randomRaw(Random rnd) {
        String[] words = {"error", "ok", "k=v", "x=\"y z\"", "10.1.2.3", "{\"a\":1}", "é", "=", "\"", "a=1 a=2"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rnd.nextInt(6); i++) b.append(words[rnd.nextInt(words.length)]).append(' ');
        return b.toString();
    }
}

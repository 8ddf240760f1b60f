package dev.vigil.search.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.search.Spl;
import dev.vigil.search.command.Pipeline;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random queries never crash the parser: they parse (and round-trip) or fail with a positioned syntax error. */
class ParserFuzzTest {
    static final String[] PIECES = {"a", "b", "x=1", "y!=\"q\"", "(", ")", "NOT", "OR", "AND", "|", "stats", "count",
            "by", "eval", "z=", "len(", ",", "\"", "*", "where", "head", "5", "sort", "-", "rex", "table", "IN", ">=",
            "'f'", "timechart", "span=1h", "top", "limit=3", "dedup", "=", "+", ".", "fields", "rename", "as"};

    @Test
    void randomQueriesParseOrFailWithAPosition() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("ParserFuzzTest seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder q = new StringBuilder();
            int n = 1 + rnd.nextInt(12);
            for (int k = 0; k < n; k++) q.append(PIECES[rnd.nextInt(PIECES.length)]).append(rnd.nextBoolean() ? " " : "");
            String query = q.toString();
            try {
                Pipeline p = Spl.parse(query);
                assertThat(Spl.parse(p.toSpl())).as("round trip of %s (seed %d)", query, seed).isEqualTo(p);
            } catch (SplSyntaxException e) {
                assertThat(e.position()).as("position for %s", query).isBetween(0, query.length());
            }
        }
    }
}

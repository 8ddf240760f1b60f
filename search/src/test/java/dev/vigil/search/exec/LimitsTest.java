package dev.vigil.search.exec;

import static dev.vigil.search.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.search.Spl;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A search never takes its host down: memory limit, timeout, cancel, and head stopping the source. */
class LimitsTest {
    /** An endless source, counting what it produced. */
    static final class Endless implements SearchSource {
        long produced;

        @Override
        public void scan(double earliest, double latest, dev.vigil.search.expr.SearchTerm filter, Sink sink) {
            for (long i = 0; ; i++) {
                produced++;
                if (!sink.accept(new SearchEvent(T0 - i * 0.001, "event number " + i + " user=u" + (i % 1000),
                        Map.of("host", "h" + (i % 7))))) return;
            }
        }
    }

    @Test
    void memoryLimitStopsABlockingCommandNamingBothNumbers() {
        Searcher s = new Searcher(new Endless(), null, UTC, new SearchLimits(2L << 20, Duration.ofMinutes(1), 100));
        assertThatThrownBy(() -> s.search("* | sort _raw", null, null))
                .isInstanceOf(SearchLimitException.class)
                .hasMessageMatching("search memory \\d+ bytes exceeds the limit of 2097152 bytes");
        assertThatThrownBy(() -> s.search("* | stats count by _raw", null, null)).isInstanceOf(SearchLimitException.class);
    }

    @Test
    void timeoutStopsASearchThatWouldNeverEnd() {
        Searcher s = new Searcher(new Endless(), null, UTC, new SearchLimits(64L << 20, Duration.ofMillis(200), 100));
        long t = System.nanoTime();
        assertThatThrownBy(() -> s.search("* | stats count by host", null, null))
                .hasMessage("search exceeded its time limit of 200 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).isLessThan(5000);
    }

    @Test
    void cancelFromAnotherThreadStopsTheSearch() throws Exception {
        Searcher s = new Searcher(new Endless(), null, UTC, SearchLimits.defaults());
        ExecContext ctx = s.newContext();
        CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> {
            try {
                return s.search(Spl.parse("* | stats count by user"), null, null, ctx);
            } catch (Exception e) {
                return e;
            }
        });
        while (ctx.scanned() < 10_000) Thread.sleep(5);
        ctx.cancel();
        assertThat(f.get(10, TimeUnit.SECONDS)).isInstanceOf(SearchLimitException.class)
                .extracting(Object::toString).asString().contains("search cancelled");
    }

    @Test
    void headStopsReadingTheSource() throws Exception {
        Endless src = new Endless();
        Searcher s = new Searcher(src, null, UTC, SearchLimits.defaults());
        assertThat(s.search("* | head 5", null, null).rows()).hasSize(5);
        assertThat(src.produced).isEqualTo(5);
    }

    @Test
    void resultLimitKeepsTheFirstResultsAndSaysSo() throws Exception {
        Endless src = new Endless();
        Searcher s = new Searcher(src, null, UTC, new SearchLimits(64L << 20, Duration.ofMinutes(1), 3));
        SearchResult r = s.search("* | head 10", null, null);
        assertThat(r.rows()).hasSize(3);
        assertThat(r.total()).isEqualTo(10);
        assertThat(r.truncated()).isTrue();
    }
}

package dev.vigil.search.exec;

import dev.vigil.search.expr.SearchTerm;
import java.io.IOException;

/**
 * Where a search reads events from: the index, or memory in tests. Implementations may use {@code filter}
 * (the query's initial search terms) to skip events early; the search re-checks every event, so a source
 * may return more than the filter matches but never less.
 */
public interface SearchSource {
    /**
     * Streams events with {@code earliest <= _time < latest}, newest first, until {@code sink} returns false.
     *
     * @param earliest epoch seconds, {@code -Infinity} for all time
     * @param latest   epoch seconds (exclusive), {@code +Infinity} for no bound
     * @param filter   the initial search's terms, a hint for pushdown
     */
    void scan(double earliest, double latest, SearchTerm filter, Sink sink) throws IOException;

    /** Receives events; returns false to stop the scan. */
    @FunctionalInterface
    interface Sink {
        boolean accept(SearchEvent event);
    }
}

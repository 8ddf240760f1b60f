package dev.vigil.search.exec;

import dev.vigil.search.expr.SearchTerm;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;

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

    /** True when events already carry their search-time fields (KV_MODE=auto), so the search skips extraction. */
    default boolean extractsFields() {
        return false;
    }

    /**
     * Counts of events by value of {@code field} over the range and filter (events lacking it not counted,
     * a multivalue field once per distinct value), or null when this source cannot aggregate; the search
     * then counts itself. The filter must be applied exactly.
     */
    default Map<String, Long> countBy(double earliest, double latest, SearchTerm filter, String field) throws IOException {
        return null;
    }

    /**
     * Event counts per time bucket ({@code spanSeconds} wide, aligned to multiples of the span since the
     * epoch) and per value of {@code byField} (null: one series named "count"; events lacking the field
     * under "NULL"), or null when unsupported.
     */
    default SortedMap<Long, Map<String, Long>> histogram(double earliest, double latest, SearchTerm filter,
                                                         long spanSeconds, String byField) throws IOException {
        return null;
    }

    /** Receives events; returns false to stop the scan. */
    @FunctionalInterface
    interface Sink {
        boolean accept(SearchEvent event);
    }
}

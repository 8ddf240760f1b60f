package dev.vigil.index;

import dev.vigil.index.query.Filter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to read from an {@link EventStore}: a time range, the indexes, a filter, and how many events.
 *
 * @param earliest first instant included, or null for all time
 * @param latest first instant excluded, or null for no upper bound
 * @param indexes index names or patterns with {@code *}; empty means every index
 * @param filter the filter tree events must satisfy
 * @param limit the most events a search returns, 0 for no limit
 * @param order newest-first (Splunk's order) or any order (cheaper, for aggregations)
 */
public record EventQuery(Instant earliest, Instant latest, List<String> indexes, Filter filter, long limit,
                         Order order) {

    /** Result order. */
    public enum Order {
        /** By {@code _time}, newest first, as Splunk returns events. */
        NEWEST_FIRST,
        /** Whatever order is cheapest. */
        ANY
    }

    public EventQuery {
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(order, "order");
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " is negative");
        }
    }

    /** Every event of every index, newest first. */
    public static EventQuery all() {
        return new EventQuery(null, null, List.of(), Filter.ALL, 0, Order.NEWEST_FIRST);
    }

    /** Every event matching the filter, newest first. */
    public static EventQuery of(Filter filter) {
        return new EventQuery(null, null, List.of(), filter, 0, Order.NEWEST_FIRST);
    }

    /** This query over {@code [earliest, latest)}. */
    public EventQuery between(Instant earliest, Instant latest) {
        return new EventQuery(earliest, latest, indexes, filter, limit, order);
    }

    /** This query restricted to the given indexes. */
    public EventQuery in(String... indexNames) {
        return new EventQuery(earliest, latest, List.of(indexNames), filter, limit, order);
    }

    /** This query returning at most {@code n} events. */
    public EventQuery limit(long n) {
        return new EventQuery(earliest, latest, indexes, filter, n, order);
    }

    /** This query in the given order. */
    public EventQuery order(Order o) {
        return new EventQuery(earliest, latest, indexes, filter, limit, o);
    }
}

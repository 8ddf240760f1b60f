package dev.vigil.index;

import dev.vigil.core.event.Event;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Where events are kept and searched. The embedded Lucene store is one implementation; a remote
 * engine (OpenSearch) is meant to be another, so everything here speaks in events, filter trees and
 * aggregates, never in Lucene types.
 *
 * <p>Durability: every appended batch gets a sequence number; an event is <em>durable</em> (survives
 * a crash, may be acknowledged to its sender) once {@link #durableSequence()} reaches it.
 */
public interface EventStore extends Closeable {

    /**
     * Stores a batch: fields extracted by sourcetype, {@code _time} chosen, one document per event.
     * Returns once the batch is accepted (searchable within the refresh interval); when the store's
     * commit interval is zero it returns only once the batch is durable.
     *
     * @return the sequence number of the batch, for {@link #awaitDurable}
     */
    long append(List<Event> events) throws IOException;

    /** The highest sequence number whose events are all on disk. */
    long durableSequence();

    /** Blocks until batch {@code sequence} is durable, or the timeout passes (returns false). */
    boolean awaitDurable(long sequence, Duration timeout) throws IOException, InterruptedException;

    /** Makes everything appended so far durable and searchable now. */
    void flush() throws IOException;

    /** The events matching a query, in the query's order; close the stream when done. */
    Stream<StoredEvent> search(EventQuery query) throws IOException;

    /** How many events match a query (its limit ignored). */
    long count(EventQuery query) throws IOException;

    /**
     * Counts of events by value of a field (events without the field are not counted; a multivalue
     * field counts once per distinct value), largest first, ties by value; at most {@code limit} rows
     * ({@code 0} = all).
     */
    List<ValueCount> countBy(EventQuery query, String field, int limit) throws IOException;

    /**
     * Counts by time bucket (bucket start in epoch seconds, buckets aligned to multiples of
     * {@code span} since the epoch) and, when {@code byField} is not null, by value of that field
     * (events without it counted under {@code NULL}, Splunk's name for them in timechart).
     */
    SortedMap<Long, Map<String, Long>> histogram(EventQuery query, Duration span, String byField) throws IOException;

    /** Names of the indexes holding data. */
    List<String> indexes() throws IOException;
}

package dev.vigil.search.store;

import dev.vigil.index.EventQuery;
import dev.vigil.index.EventStore;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.ValueCount;
import dev.vigil.search.exec.SearchEvent;
import dev.vigil.search.exec.SearchSource;
import dev.vigil.search.expr.SearchTerm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * A {@link SearchSource} over the index: the initial search is compiled into the store's filter (so Lucene
 * selects the candidates), events stream newest first, and counting queries use the store's aggregations.
 */
public final class IndexSearchSource implements SearchSource {
    private final EventStore store;

    public IndexSearchSource(EventStore store) {
        this.store = store;
    }

    static EventQuery query(double earliest, double latest, SearchTerm filter, EventQuery.Order order) {
        return new EventQuery(instant(earliest), instant(latest), List.of(), FilterCompiler.compile(filter), 0, order);
    }

    private static Instant instant(double t) {
        if (Double.isInfinite(t)) return null;
        long micros = (long) Math.ceil(t * 1_000_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    @Override
    public void scan(double earliest, double latest, SearchTerm filter, Sink sink) throws IOException {
        try (Stream<StoredEvent> s = store.search(query(earliest, latest, filter, EventQuery.Order.NEWEST_FIRST))) {
            Iterator<StoredEvent> it = s.iterator();
            while (it.hasNext()) {
                if (!sink.accept(toEvent(it.next()))) return;
            }
        }
    }

    /** The stored event with Splunk's default fields first. */
    static SearchEvent toEvent(StoredEvent e) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("host", e.host());
        f.put("source", e.source());
        f.put("sourcetype", e.sourcetype());
        f.put("index", e.index());
        for (Map.Entry<String, Object> x : e.fields().entrySet()) f.putIfAbsent(x.getKey(), x.getValue());
        f.values().removeIf(v -> v == null);
        return new SearchEvent(e.timeMicros() / 1e6, e.raw(), f);
    }

    @Override
    public boolean extractsFields() {
        return true;
    }

    @Override
    public Map<String, Long> countBy(double earliest, double latest, SearchTerm filter, String field) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ValueCount vc : store.countBy(query(earliest, latest, filter, EventQuery.Order.ANY), field, 0)) {
            out.put(vc.value(), vc.count());
        }
        return out;
    }

    @Override
    public SortedMap<Long, Map<String, Long>> histogram(double earliest, double latest, SearchTerm filter,
                                                        long spanSeconds, String byField) throws IOException {
        return store.histogram(query(earliest, latest, filter, EventQuery.Order.ANY), Duration.ofSeconds(spanSeconds), byField);
    }
}

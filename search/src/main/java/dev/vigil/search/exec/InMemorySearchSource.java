package dev.vigil.search.exec;

import dev.vigil.search.expr.SearchTerm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Events held in a list: for tests and for small, already-loaded data. Ignores the filter hint. */
public final class InMemorySearchSource implements SearchSource {
    private final List<SearchEvent> events;

    public InMemorySearchSource(List<SearchEvent> events) {
        List<SearchEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingDouble(SearchEvent::time).reversed());
        this.events = List.copyOf(sorted);
    }

    @Override
    public void scan(double earliest, double latest, SearchTerm filter, Sink sink) {
        for (SearchEvent e : events) {
            if (e.time() < earliest || e.time() >= latest) continue;
            if (!sink.accept(e)) return;
        }
    }
}

package dev.vigil.search.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Collects column names in first-seen order, hiding internal {@code _} fields except {@code _time} and {@code _raw}. */
public final class ColumnTracker {
    private final LinkedHashSet<String> names = new LinkedHashSet<>();
    private final boolean events;

    public ColumnTracker(boolean events) {
        this.events = events;
    }

    public void see(Row r) {
        for (String n : r.names()) {
            if (n.startsWith("_") && !n.equals("_time") && !n.equals("_raw")) continue;
            names.add(n);
        }
    }

    /** For events, {@code _time} first and {@code _raw} last, as Splunk lists event fields; else first-seen. */
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        if (events && names.contains("_time")) out.add("_time");
        for (String n : names) if (!events || (!n.equals("_time") && !n.equals("_raw"))) out.add(n);
        if (events && names.contains("_raw")) out.add("_raw");
        return out;
    }
}

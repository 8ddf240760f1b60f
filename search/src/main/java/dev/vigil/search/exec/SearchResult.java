package dev.vigil.search.exec;

import java.util.List;

/**
 * A finished search.
 *
 * @param columns   column names in order (hidden {@code _} fields other than {@code _time}/{@code _raw} left out)
 * @param rows      the results kept (at most the limit)
 * @param events    true when the results are events (no transforming command): the CLI prints {@code _raw}
 * @param total     results produced, kept or not
 * @param scanned   events read from the source
 * @param truncated true when results beyond the limit were dropped
 */
public record SearchResult(List<String> columns, List<Row> rows, boolean events, long total, long scanned,
                           boolean truncated) {
    public SearchResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}

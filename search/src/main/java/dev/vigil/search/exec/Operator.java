package dev.vigil.search.exec;

/**
 * A stage of a running pipeline. Rows are pushed in; {@code push} returns false when this stage (and
 * everything after it) wants no more rows, so the source can stop early (head). {@code finish} flushes
 * what a blocking command (stats, sort) holds.
 */
public interface Operator {
    boolean push(Row row);

    void finish();
}

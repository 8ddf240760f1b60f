package dev.vigil.search.exec;

/** Receives a search's final results as they are produced; returns false to stop the search. */
@FunctionalInterface
public interface RowSink {
    boolean accept(Row row);
}

package dev.vigil.search.exec;

/** A search stopped by one of its limits (memory, time) or cancelled; the message says which and the numbers. */
public final class SearchLimitException extends RuntimeException {
    public SearchLimitException(String message) {
        super(message);
    }
}

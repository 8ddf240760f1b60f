package dev.vigil.index;

/**
 * One row of a counts-by-value aggregation.
 *
 * @param value the field value, exactly as stored (case kept)
 * @param count how many events hold it
 */
public record ValueCount(String value, long count) {
}

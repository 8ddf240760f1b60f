package dev.vigil.index.query;

import java.util.List;

/** What a {@link Filter} is evaluated against: one event's raw text and its field values. */
public interface FieldSource {
    /** The event's {@code _raw} text. */
    String raw();

    /**
     * Every value of a field, as strings; an empty list when the event lacks the field. Reserved names
     * {@code _raw}, {@code _time}, {@code host}, {@code source}, {@code sourcetype}, {@code index} included.
     */
    List<String> values(String field);
}

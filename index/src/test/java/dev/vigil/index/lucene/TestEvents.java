package dev.vigil.index.lucene;

import dev.vigil.core.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds events as an input would hand them to the store. */
final class TestEvents {
    private TestEvents() {
    }

    /** A line read from a file or HEC raw: no syslog properties, time from the text or {@code received}. */
    static Event line(String raw, String sourcetype, String index, Instant received) {
        return Event.builder().received(received).raw(raw.getBytes(StandardCharsets.UTF_8)).msg(raw)
                .sourcetype(sourcetype).index(index).source("test").build();
    }
}

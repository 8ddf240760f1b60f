package dev.vigil.index.importer;

import dev.vigil.core.event.Event;
import java.io.IOException;
import java.util.List;

/** Where imported events go: a local store or a server's HEC. */
public interface EventSink {
    /** Takes one batch; returns when it is accepted. */
    void accept(List<Event> batch) throws IOException;
}

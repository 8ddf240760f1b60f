package dev.vigil.server.hec;

import dev.vigil.core.event.Event;
import dev.vigil.index.EventStore;
import java.io.IOException;
import java.util.List;

/** Where HEC hands accepted events: the index directly, or the node's pipeline in front of it. */
public interface HecSink {
    /** Accepts a batch; returns a sequence number for {@link #isDurable}. */
    long submit(List<Event> events) throws IOException;

    /** True once the batch with this sequence number is on disk (it may be acknowledged). */
    boolean isDurable(long sequence);

    /** A sink writing straight into an event store. */
    static HecSink of(EventStore store) {
        return new HecSink() {
            @Override
            public long submit(List<Event> events) throws IOException {
                return store.append(events);
            }

            @Override
            public boolean isDurable(long sequence) {
                return store.durableSequence() >= sequence;
            }
        };
    }
}

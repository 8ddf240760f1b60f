package dev.vigil.collector.input;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one listener, exported as metrics. Nothing is dropped or rejected without a count here. */
public final class InputStats {
    public final String name;
    public final String protocol;
    public final LongAdder received = new LongAdder();
    public final LongAdder parsed = new LongAdder();
    public final LongAdder malformed = new LongAdder();
    public final LongAdder truncated = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    public final LongAdder framingErrors = new LongAdder();
    public final LongAdder bytes = new LongAdder();
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder connectionsClosed = new LongAdder();
    public final LongAdder connectionsRejected = new LongAdder();
    public final LongAdder tlsErrors = new LongAdder();
    public final LongAdder pauses = new LongAdder();

    public InputStats(String name, String protocol) {
        this.name = name;
        this.protocol = protocol;
    }

    /** Connections open right now. */
    public long openConnections() {
        return connectionsOpened.sum() - connectionsClosed.sum();
    }
}

package dev.vigil.server.agent;

import dev.vigil.agent.protocol.AgentProtocolException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the agent listener, exported in /metrics as {@code vigil_agent_*}. */
public final class AgentStats {
    public final LongAdder connectionsOpened = new LongAdder();
    public final AtomicInteger connectionsOpen = new AtomicInteger();
    /** Connections closed because the same agent id connected again (the older one is dropped). */
    public final LongAdder replaced = new LongAdder();
    public final LongAdder batches = new LongAdder();
    public final LongAdder bytes = new LongAdder();
    /** Events in batch frames, duplicates included. */
    public final LongAdder received = new LongAdder();
    /** Events handed to the pipeline. */
    public final LongAdder accepted = new LongAdder();
    /** Events dropped because the server already had them (resent after a reconnect or a crash). */
    public final LongAdder duplicates = new LongAdder();
    public final LongAdder acksSent = new LongAdder();
    public final LongAdder clockReports = new LongAdder();
    /** Times reading from an agent paused because the main queue was full. */
    public final LongAdder pauses = new LongAdder();
    public final LongAdder tlsErrors = new LongAdder();
    /** Agents whose durable point was recovered from the index, and the events read to do it. */
    public final LongAdder recoveries = new LongAdder();
    public final LongAdder recoveryEventsRead = new LongAdder();
    /** Agent events the index failed to store (the agent is made to send them again). */
    public final LongAdder indexFailures = new LongAdder();
    private final Map<AgentProtocolException.Reason, LongAdder> frameErrors =
            new EnumMap<>(AgentProtocolException.Reason.class);

    public AgentStats() {
        for (AgentProtocolException.Reason r : AgentProtocolException.Reason.values()) {
            frameErrors.put(r, new LongAdder());
        }
    }

    /** Bad frames of one kind. */
    public LongAdder frameErrors(AgentProtocolException.Reason r) {
        return frameErrors.get(r);
    }

    /** Bad frames of every kind. */
    public long frameErrorsTotal() {
        long n = 0;
        for (LongAdder a : frameErrors.values()) {
            n += a.sum();
        }
        return n;
    }
}

package dev.vigil.agent.queue;

import java.io.IOException;
import java.util.List;

/**
 * The agent's durable queue as the shipper sees it: it reads batches after the last acknowledged sequence number
 * and acknowledges what the server confirmed. Readers (file tailers, login records) append on the other side.
 */
public interface ShipQueue {
    /**
     * The next events after those already handed out (or after the acknowledged ones, after {@link #rewind()}):
     * at most {@code maxEvents} and about {@code maxBytes}; waits up to {@code timeoutMillis} for the first one and
     * returns an empty list if none came.
     */
    List<AgentEvent> poll(int maxEvents, int maxBytes, long timeoutMillis) throws IOException, InterruptedException;

    /** Every event with a sequence number up to {@code seq} is delivered: it may be dropped from disk. */
    void acknowledge(long seq) throws IOException;

    /** The highest acknowledged sequence number (0 when none). */
    long acknowledged();

    /** Hands out again everything after {@link #acknowledged()} (after a reconnect). */
    void rewind();
}

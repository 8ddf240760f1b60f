package dev.vigil.server.agent;

import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What the node knows about one agent id. Guarded by its own monitor: sessions (event loops), the
 * durability thread and the ledger's I/O thread all update it.
 */
final class AgentState {
    final String id;
    /** Every event of this agent up to here is durable (stored, or written by the outputs with --no-index). */
    long durable;
    /** The highest sequence number handed to the pipeline (after recovery: the durable point). */
    long accepted;
    /** On disk: no event above this was ever handed to the pipeline. */
    long ceiling;
    /** The ceiling being written, 0 when none. */
    long ceilingTarget;
    CompletableFuture<Void> raising;
    /** Sequence numbers above {@link #durable} that the index held at recovery (a crash can leave holes). */
    TreeSet<Long> recovered;
    /** Increases when stored events failed: older pending batches then no longer advance {@link #durable}. */
    int generation;
    /** The connected session, or null. */
    AgentSession session;
    /** From the hello. */
    String hostName;
    /** The last reported clock offset (server minus agent), nanoseconds; null before the first report. */
    Long offsetNanos;
    double delaySeconds;
    long clockReportedAtMillis;

    AgentState(String id, long durable, long ceiling) {
        this.id = id;
        this.durable = durable;
        this.accepted = durable;
        this.ceiling = ceiling;
    }

    /** True when {@code seq} is already stored or in the pipeline. */
    boolean has(long seq) {
        return seq <= accepted || recovered != null && recovered.contains(seq);
    }
}

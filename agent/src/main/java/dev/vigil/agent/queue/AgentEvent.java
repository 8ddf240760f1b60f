package dev.vigil.agent.queue;

/**
 * One event read by the agent (a line, or a joined multi-line event), as it is queued and shipped.
 *
 * @param seq            the queue's sequence number: dense, starting at 1, never reused by one agent (it survives
 *                       restarts because the queue holds it); the server acknowledges and de-duplicates by it
 * @param hostTimeMillis the host's own clock when the agent read the event (epoch milliseconds)
 * @param host           the host field (per input; the agent's host name by default)
 * @param source         the source field (normally the file path)
 * @param sourcetype     the sourcetype field (per input; null lets the server detect it)
 * @param index          the target index (per input; null for the default)
 * @param body           the event's bytes, without the line terminator
 */
public record AgentEvent(long seq, long hostTimeMillis, String host, String source, String sourcetype, String index,
        byte[] body) {
}

package dev.vigil.server.agent;

import dev.vigil.agent.protocol.AgentProtocolException;
import dev.vigil.server.http.Metrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.util.concurrent.atomic.LongAdder;

/** The {@code vigil_agent_*} series in /metrics. */
public final class AgentMetrics {
    private AgentMetrics() {
    }

    public static void register(Metrics m, AgentStats s) {
        counter(m, "vigil_agent_connections_opened", "agent connections accepted", s.connectionsOpened);
        Gauge.builder("vigil_agent_connections_open", s, x -> (double) x.connectionsOpen.get())
                .description("agent connections open now").register(m.registry());
        counter(m, "vigil_agent_connections_replaced", "older connections closed because the agent connected again",
                s.replaced);
        counter(m, "vigil_agent_batches", "batch frames received", s.batches);
        counter(m, "vigil_agent_bytes", "bytes of batch frames received", s.bytes);
        counter(m, "vigil_agent_events_received", "events received, duplicates included", s.received);
        counter(m, "vigil_agent_events_accepted", "events handed to the pipeline", s.accepted);
        counter(m, "vigil_agent_events_duplicate", "events dropped because the node already had them", s.duplicates);
        counter(m, "vigil_agent_acks_sent", "acknowledgements sent", s.acksSent);
        counter(m, "vigil_agent_clock_reports", "clock offset reports received", s.clockReports);
        counter(m, "vigil_agent_backpressure_pauses", "times reading paused because the main queue was full", s.pauses);
        counter(m, "vigil_agent_tls_errors", "failed TLS handshakes and records", s.tlsErrors);
        counter(m, "vigil_agent_recoveries", "agents whose durable point was read back from the index after a crash",
                s.recoveries);
        counter(m, "vigil_agent_recovery_events_read", "events read from the index to recover durable points",
                s.recoveryEventsRead);
        counter(m, "vigil_agent_index_failures", "agent events the index failed to store (sent again)",
                s.indexFailures);
        for (AgentProtocolException.Reason r : AgentProtocolException.Reason.values()) {
            FunctionCounter.builder("vigil_agent_frame_errors", s.frameErrors(r), LongAdder::doubleValue)
                    .tag("reason", r.label()).description("bad frames (the connection is closed)")
                    .register(m.registry());
        }
    }

    private static void counter(Metrics m, String name, String help, LongAdder a) {
        FunctionCounter.builder(name, a, LongAdder::doubleValue).description(help).register(m.registry());
    }
}

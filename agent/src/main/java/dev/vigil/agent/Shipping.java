package dev.vigil.agent;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.queue.ShipQueue;
import dev.vigil.agent.stats.Stats;
import java.io.Closeable;
import java.io.IOException;

/** Starts what sends the queue to the server. */
public interface Shipping {
    /** Begins shipping {@code queue} as {@code config} says; closing it stops. */
    Closeable start(ShipQueue queue, AgentConfig config, Stats stats) throws IOException;

    /**
     * The TLS shipper ({@link dev.vigil.agent.ship.ConfiguredShipping}); without a server in agent.yml, events
     * stay in the queue (which back-pressure then bounds) and the agent says so once.
     */
    static Shipping standard() {
        return (queue, config, stats) -> {
            if (config.server() == null) {
                stats.warn("no server configured: events stay in the queue");
                return () -> { };
            }
            return dev.vigil.agent.ship.ConfiguredShipping.start(queue, config, stats);
        };
    }
}

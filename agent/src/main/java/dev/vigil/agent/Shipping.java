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
     * The shipping this build has. The TLS shipper ({@code dev.vigil.agent.ship}) plugs in here; until it does,
     * events stay in the queue (which back-pressure then bounds) and the agent says so once.
     */
    static Shipping standard() {
        return (queue, config, stats) -> {
            stats.warn(config.server() == null ? "no server configured: events stay in the queue"
                    : "this build cannot ship yet: events stay in the queue " + config.queue().dir());
            return () -> { };
        };
    }
}

package dev.vigil.server;

import dev.vigil.agent.Agent;
import dev.vigil.agent.Shipping;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.stats.Stats;
import java.nio.file.Path;

/**
 * The real agent in a JVM of its own, for kill -9 tests: {@code AgentProcessChild agent.yml} prints
 * {@code started} once running and stops cleanly when its standard input closes.
 */
public final class AgentProcessChild {
    private AgentProcessChild() {
    }

    public static void main(String[] args) throws Exception {
        Agent agent = new Agent(AgentConfig.load(Path.of(args[0])), Shipping.standard(), new Stats());
        agent.start();
        System.out.println("started");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the parent closes the pipe
        }
        agent.close();
        System.out.println("stopped");
        System.out.flush();
    }
}

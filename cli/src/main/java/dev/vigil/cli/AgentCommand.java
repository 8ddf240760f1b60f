package dev.vigil.cli;

import dev.vigil.agent.Agent;
import dev.vigil.agent.Shipping;
import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.config.ConfigException;
import dev.vigil.agent.queue.QueueTool;
import dev.vigil.agent.stats.Stats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil agent}: the host agent, and its queue tools. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Run the host agent: follow log files and login records (agent.yml inputs), keep every",
            "event in a durable on-disk queue, ship it to the server. Stops cleanly on SIGTERM or SIGINT."},
        subcommands = {AgentCommand.CheckQueue.class, AgentCommand.RepairQueue.class})
public final class AgentCommand implements Callable<Integer> {
    /** Exit status for a mistake in agent.yml. */
    static final int CONFIG_ERROR = 2;

    @Option(names = "--config", paramLabel = "agent.yml", description = "settings (docs/agent.md); required to run")
    Path config;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--config=agent.yml'");
        }
        AgentConfig cfg;
        try {
            cfg = AgentConfig.load(config);
        } catch (ConfigException e) {
            System.err.println("vigil: " + e.getMessage());
            return CONFIG_ERROR;
        }
        Agent agent = new Agent(cfg, Shipping.standard(), new Stats());
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        try {
            agent.start();
        } catch (IOException e) {
            System.err.println("vigil: " + e.getMessage());
            return 1;
        }
        stop.await();
        agent.close();
        return 0;
    }

    /** The queue directory from {@code --queue}, or from agent.yml. */
    static Path queueDir(Path config, Path queue) throws IOException {
        if (queue != null) {
            return queue;
        }
        if (config == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new AgentCommand()),
                    "give --config agent.yml or --queue DIR");
        }
        return AgentConfig.load(config).queue().dir();
    }

    /** A queue tool: the queue directory from {@code --queue}, or from agent.yml. */
    abstract static class QueueToolCommand implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "agent.yml", description = "the agent's settings")
        Path config;

        @Option(names = "--queue", paramLabel = "DIR", description = "the queue directory (instead of --config)")
        Path queue;

        abstract int run(Path dir) throws IOException;

        @Override
        public Integer call() throws Exception {
            try {
                return run(queueDir(config, queue));
            } catch (ConfigException e) {
                System.err.println("vigil: " + e.getMessage());
                return CONFIG_ERROR;
            }
        }
    }

    @Command(name = "check-queue", mixinStandardHelpOptions = true,
            description = {"Verify every record of the agent's queue: print its segments, records, events, the",
                "acknowledged sequence number and every problem. Exit 1 when records are damaged."})
    static final class CheckQueue extends QueueToolCommand {
        @Override
        int run(Path dir) throws IOException {
            return QueueTool.check(dir, System.out);
        }
    }

    @Command(name = "repair-queue", mixinStandardHelpOptions = true,
            description = {"Rewrite damaged queue segments keeping every complete record, and say how many bytes",
                "were dropped. Refuses while an agent uses the queue."})
    static final class RepairQueue extends QueueToolCommand {
        @Override
        int run(Path dir) throws IOException {
            return QueueTool.repair(dir, System.out);
        }
    }
}

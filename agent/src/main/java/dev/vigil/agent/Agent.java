package dev.vigil.agent;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.Input;
import dev.vigil.agent.tail.RecoveredFiles;
import dev.vigil.agent.records.RecordInputs;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running agent: inputs → durable queue → shipper, counters logged every minute and served at
 * {@code /metrics} when configured.
 */
public final class Agent implements Closeable {
    private final AgentConfig config;
    private final Shipping shipping;
    private final Stats stats;
    private DiskQueue queue;
    private Readers readers;
    private Closeable shipper;
    private MetricsServer metrics;
    private ScheduledExecutorService timer;

    public Agent(AgentConfig config, Shipping shipping, Stats stats) {
        this.config = config;
        this.shipping = shipping;
        this.stats = stats;
    }

    /** Opens the queue (recovering the last run's state), starts reading and shipping. */
    public void start() throws IOException {
        queue = DiskQueue.open(config.queue(), stats);
        try {
            RecoveredFiles recovered = new RecoveredFiles(queue.files());
            List<Input> inputs = new ArrayList<>();
            for (InputConfig c : config.inputs()) {
                inputs.add(RecordInputs.create(c, config.host(), queue, recovered, queue.fresh(), stats));
            }
            readers = new Readers(inputs, queue, recovered, stats, 100);
            if (config.metrics() != null) {
                metrics = new MetricsServer(config.metrics().address(), config.metrics().port(), stats);
            }
            shipper = shipping.start(queue, config, stats);
            stats.notice("agent started: " + config.inputs().size() + " inputs, queue " + config.queue().dir()
                    + " (next seq " + queue.nextSeq() + ", acknowledged " + queue.acknowledged() + ")");
            readers.start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-agent-stats");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> org.slf4j.LoggerFactory.getLogger("dev.vigil.agent").info(stats.summaryLine()),
                config.statsIntervalMs(), config.statsIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** The queue (for the shipper and tests). */
    public DiskQueue queue() {
        return queue;
    }

    /** The port {@code /metrics} is served on, or -1. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Stops reading, then shipping, and closes the queue with everything read written and synced. */
    @Override
    public void close() throws IOException {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (readers != null) {
            readers.close();
        }
        if (shipper != null) {
            shipper.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (queue != null) {
            queue.close();
        }
    }
}

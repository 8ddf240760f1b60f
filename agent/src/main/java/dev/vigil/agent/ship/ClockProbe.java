package dev.vigil.agent.ship;

import dev.vigil.agent.protocol.AgentMessages.ClockReport;
import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.client.NtpQuery;
import dev.vigil.ntp.client.NtpSample;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures this machine's clock against the server's NTP service every interval: four exchanges,
 * the one with the lowest delay kept (as ntpdate does). A server that answers unsynchronised (LI=3)
 * is refused like any NTP client refuses it: no report, one log line, a counted failure.
 */
final class ClockProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClockProbe.class);
    private final ShipperSettings settings;
    private final ShipperStats stats;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.CountDownLatch firstAttempt = new java.util.concurrent.CountDownLatch(1);
    private volatile ClockReport latest;
    private volatile long version;
    private String lastProblem;
    private NtpQuery query;

    ClockProbe(ShipperSettings settings, ShipperStats stats) {
        this.settings = settings;
        this.stats = stats;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-agent-clock");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        timer.scheduleWithFixedDelay(this::measure, 0, settings.clockInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest accepted measurement, or null. */
    ClockReport latest() {
        return latest;
    }

    /** Increases with every new measurement. */
    long version() {
        return version;
    }

    /** Waits until the first measurement was tried (successfully or not), at most {@code millis}. */
    void awaitFirstAttempt(long millis) throws InterruptedException {
        firstAttempt.await(millis, TimeUnit.MILLISECONDS);
    }

    private void measure() {
        try {
            if (query == null) {
                query = new NtpQuery(new NtpClient(settings.clock(), 1000), 4, 100);
            }
            NtpSample s = query.bestOf(new InetSocketAddress(settings.clockHost(), settings.ntpPort()));
            if (s.accepted()) {
                latest = new ClockReport(s.offset, s.delay, settings.clock().epochNanos() / 1_000_000L);
                version++;
                stats.clockOffsetNanos.set(Math.round(s.offset * 1e9));
                if (lastProblem != null) {
                    LOG.info("clock measured against {}:{} again: offset {} s", settings.clockHost(), settings.ntpPort(),
                            s.offset);
                    lastProblem = null;
                }
            } else {
                problem(s.rejection);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problem(e.toString());
        } finally {
            firstAttempt.countDown();
        }
    }

    private void problem(String why) {
        stats.clockFailures.increment();
        if (!why.equals(lastProblem)) {
            LOG.warn("cannot measure the clock against {}:{} ({}); the server corrects events by the last measurement "
                    + "it has, if any",
                    settings.clockHost(), settings.ntpPort(), why);
            lastProblem = why;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

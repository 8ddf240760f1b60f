package dev.vigil.agent.ship;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.queue.ShipQueue;
import dev.vigil.agent.stats.Stats;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * The {@link Shipper} as agent.yml configures it: the {@code server} section (always TLS: the JVM's trust
 * store unless {@code tls.ca} is given, a client certificate when {@code tls.cert}/{@code tls.key} are), the
 * {@code ntp} section, the agent id from {@code agent.id} in the queue directory, and the shipper's counters
 * among the agent's ({@code vigil_agent_ship_*}).
 */
public final class ConfiguredShipping {
    private ConfiguredShipping() {
    }

    /** Starts shipping {@code queue} to {@code config.server()}; closing the result stops it. */
    public static Closeable start(ShipQueue queue, AgentConfig config, Stats stats) throws IOException {
        AgentConfig.ServerConfig server = config.server();
        ShipperSettings settings = ShipperSettings.of(server.host(), server.port(),
                new ShipperSettings.Tls(server.ca(), server.cert(), server.key(), null),
                AgentId.load(config.queue().dir()), config.host());
        AgentConfig.NtpConfig ntp = config.ntp();
        settings = ntp != null && ntp.enabled()
                ? settings.withClock(ntp.host(), ntp.port(), Duration.ofMillis(ntp.intervalMs()), settings.clock())
                : settings.withClock(0, settings.clockInterval(), settings.clock());
        Shipper shipper = new Shipper(queue, settings);
        register(shipper.stats(), stats);
        shipper.start();
        stats.notice("shipping to " + server.host() + ":" + server.port() + " over TLS as agent "
                + settings.agentId());
        return shipper::close;
    }

    private static void register(ShipperStats s, Stats stats) {
        stats.gauge("ship_sent", "events sent to the server (resent ones included)", s.sent::sum);
        stats.gauge("ship_acked", "events the server acknowledged as durable", s.acked::sum);
        stats.gauge("ship_resent", "events sent again after a reconnect", s.resent::sum);
        stats.gauge("ship_skipped", "events the server already held when the agent connected", s.skipped::sum);
        stats.gauge("ship_truncated", "events cut to the server's largest frame", s.truncated::sum);
        stats.gauge("ship_bytes", "bytes of batch frames sent", s.bytes::sum);
        stats.gauge("ship_connects", "connections established", s.connects::sum);
        stats.gauge("ship_reconnects", "connections established after a lost one", s.reconnects::sum);
        stats.gauge("ship_connect_failures", "connection attempts that failed", s.connectFailures::sum);
        stats.gauge("ship_ack_timeouts", "connections dropped for want of an ack", s.ackTimeouts::sum);
        stats.gauge("ship_in_flight", "batches sent and not yet acknowledged", s.inFlight::get);
        stats.gauge("ship_rtt_micros", "the last batch's round trip to its ack, microseconds", s.lastRttMicros::get);
        stats.gauge("ship_clock_offset_micros", "the last measured clock offset (server minus agent), microseconds",
                () -> s.clockOffsetNanos.get() / 1000);
        stats.gauge("ship_clock_failures", "clock measurements that failed", s.clockFailures::sum);
    }
}

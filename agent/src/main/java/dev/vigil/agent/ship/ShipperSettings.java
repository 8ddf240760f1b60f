package dev.vigil.agent.ship;

import dev.vigil.agent.protocol.AgentProtocol;
import dev.vigil.ntp.source.WallClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the agent ships. Build with {@link #of} and the {@code with…} methods.
 *
 * @param host the server's name or address
 * @param port its agent listener (default 9515)
 * @param tls TLS settings; null ships over plain TCP (tests and labs only: the server must allow it)
 * @param agentId the agent's stable id (see {@link AgentId})
 * @param hostName this machine's name: the server files clock reports under it
 * @param batchEvents most events in one batch frame
 * @param batchBytes about the most bytes in one batch frame (never above the server's maximum frame)
 * @param maxInFlight batches sent and not yet acknowledged, at most
 * @param reconnectMin first wait before reconnecting; doubles up to {@code reconnectMax}
 * @param reconnectMax longest wait between reconnection attempts
 * @param ackTimeout a connection whose oldest unacknowledged batch is older than this is dropped and
 *     re-established (the batches are sent again)
 * @param ntpHost the NTP server the clock is measured against; null for {@code host}
 * @param ntpPort its port; 0 switches the clock measurement off
 * @param clockInterval how often the clock offset is measured (default one minute)
 * @param clock this machine's clock as the NTP client reads it (the system clock; tests shift it)
 */
public record ShipperSettings(String host, int port, Tls tls, String agentId, String hostName, int batchEvents,
        int batchBytes, int maxInFlight, Duration reconnectMin, Duration reconnectMax, Duration ackTimeout,
        String ntpHost, int ntpPort, Duration clockInterval, WallClock clock) {

    /**
     * PEM files for TLS.
     *
     * @param caFile CA certificates the server's certificate must chain to; null for the JVM's default trust store
     * @param certFile this agent's certificate chain, for servers that require client certificates; or null
     * @param keyFile its PKCS#8 key, or null
     * @param serverName the name the server's certificate must carry; null for {@code host}
     */
    public record Tls(Path caFile, Path certFile, Path keyFile, String serverName) {
        public Tls {
            if ((certFile == null) != (keyFile == null)) {
                throw new IllegalArgumentException("a client certificate needs both cert and key files");
            }
        }
    }

    public ShipperSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(clock, "clock");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (batchEvents < 1 || batchBytes < 1024 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch of " + batchEvents + " events / " + batchBytes + " bytes, "
                    + maxInFlight + " in flight: need at least 1 event, 1024 bytes, 1 batch");
        }
        if (reconnectMin.isNegative() || reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnect backoff " + reconnectMin + ".." + reconnectMax);
        }
        if (ntpPort < 0 || ntpPort > 65535) {
            throw new IllegalArgumentException("NTP port " + ntpPort + " is outside 0..65535");
        }
    }

    /**
     * Defaults: 2,000 events or 1 MiB per batch, 32 batches in flight (enough to keep 100,000 events/s
     * flowing while the server makes them durable, which takes up to about half a second), reconnect after
     * 0.5 s doubling to 30 s, a 2-minute ack timeout, the clock measured every minute on NTP port 123.
     */
    public static ShipperSettings of(String host, int port, Tls tls, String agentId, String hostName) {
        return new ShipperSettings(host, port, tls, agentId, hostName, 2000, 1 << 20, 32, Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofMinutes(2), null, 123, Duration.ofMinutes(1), WallClock.SYSTEM);
    }

    /** The default port of a server's agent listener. */
    public static int defaultPort() {
        return AgentProtocol.DEFAULT_PORT;
    }

    public ShipperSettings withBatch(int events, int bytes, int inFlight) {
        return new ShipperSettings(host, port, tls, agentId, hostName, events, bytes, inFlight, reconnectMin,
                reconnectMax, ackTimeout, ntpHost, ntpPort, clockInterval, clock);
    }

    public ShipperSettings withReconnect(Duration min, Duration max) {
        return new ShipperSettings(host, port, tls, agentId, hostName, batchEvents, batchBytes, maxInFlight, min, max,
                ackTimeout, ntpHost, ntpPort, clockInterval, clock);
    }

    public ShipperSettings withAckTimeout(Duration d) {
        return new ShipperSettings(host, port, tls, agentId, hostName, batchEvents, batchBytes, maxInFlight,
                reconnectMin, reconnectMax, d, ntpHost, ntpPort, clockInterval, clock);
    }

    /** NTP port 0 switches the measurement off. */
    public ShipperSettings withClock(int ntpPort, Duration interval, WallClock clock) {
        return withClock(ntpHost, ntpPort, interval, clock);
    }

    /** The clock measured against {@code ntpHost} (null: the server's host); NTP port 0 switches it off. */
    public ShipperSettings withClock(String ntpHost, int ntpPort, Duration interval, WallClock clock) {
        return new ShipperSettings(host, port, tls, agentId, hostName, batchEvents, batchBytes, maxInFlight,
                reconnectMin, reconnectMax, ackTimeout, ntpHost, ntpPort, interval, clock);
    }

    /** The NTP server's host. */
    public String clockHost() {
        return ntpHost == null ? host : ntpHost;
    }
}

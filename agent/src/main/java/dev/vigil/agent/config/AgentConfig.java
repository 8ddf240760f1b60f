package dev.vigil.agent.config;

import dev.vigil.agent.queue.QueueSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything in agent.yml (see docs/agent.md).
 *
 * @param file            the file it was read from (null when built in code)
 * @param host            the host field of every event unless an input sets its own
 * @param server          where events are shipped, or null (then they stay in the queue)
 * @param queue           the durable queue
 * @param inputs          what is read
 * @param ntp             clock-offset measurement against the server (used by the shipper)
 * @param metrics         where the Prometheus text is served, or null
 * @param statsIntervalMs how often the counters are logged
 */
public record AgentConfig(Path file, String host, ServerConfig server, QueueSettings queue, List<InputConfig> inputs,
                          NtpConfig ntp, MetricsConfig metrics, long statsIntervalMs) {

    /**
     * The server the agent ships to.
     *
     * @param host  host name or address
     * @param port  the server's agent port
     * @param ca    CA certificates that sign the server's certificate (PEM), or null for the JVM's trust store
     * @param cert  the agent's client certificate (PEM), or null
     * @param key   the client certificate's private key (PEM), or null
     * @param where {@code agent.yml:3}, for messages
     */
    public record ServerConfig(String host, int port, Path ca, Path cert, Path key, String where) {
    }

    /**
     * How the agent measures its clock against the server's NTP service.
     *
     * @param enabled    whether it does
     * @param host       the NTP server (default: the server's host)
     * @param port       its port (default 123)
     * @param intervalMs how often (default a minute)
     */
    public record NtpConfig(boolean enabled, String host, int port, long intervalMs) {
    }

    /** Where {@code /metrics} is served. */
    public record MetricsConfig(String address, int port) {
    }

    /** Reads and checks agent.yml. */
    public static AgentConfig load(Path file) throws IOException {
        return new AgentConfigReader(file).read();
    }
}

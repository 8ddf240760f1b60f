package dev.vigil.collector.input;

import java.nio.file.Path;

/**
 * One syslog listener, as imudp/imtcp input() or the legacy $UDPServerRun / $InputTCPServerRun would
 * declare it.
 *
 * @param protocol udp, tcp or tls
 * @param address address to bind, null or "" for all (IPv4 and IPv6)
 * @param port port; 0 picks a free one
 * @param name the input's name (rsyslog's inputname)
 * @param maxSessions {@code $InputTCPMaxSessions}: connections accepted at once (TCP/TLS)
 * @param tls certificate settings for TLS, else null
 * @param ruleset the ruleset this input feeds, null for the default one
 */
public record ListenerConfig(Protocol protocol, String address, int port, String name, int maxSessions,
                             TlsSettings tls, String ruleset) {
    /** Transport of a listener. */
    public enum Protocol { UDP, TCP, TLS }

    /**
     * RFC 5425 settings: PEM certificate chain and PKCS#8 key of this server; with {@code caFile} and
     * {@code requireClientCert}, clients must present a certificate signed by that CA (rsyslog's
     * StreamDriverAuthMode x509/certvalid).
     */
    public record TlsSettings(Path certFile, Path keyFile, Path caFile, boolean requireClientCert) {
    }

    /** Default $InputTCPMaxSessions of Vigil (rsyslog's is 200; a lab with many hosts needs more). */
    public static final int DEFAULT_MAX_SESSIONS = 20_000;

    public static ListenerConfig udp(String address, int port) {
        return new ListenerConfig(Protocol.UDP, address, port, "imudp", 0, null, null);
    }

    public static ListenerConfig tcp(String address, int port) {
        return new ListenerConfig(Protocol.TCP, address, port, "imtcp", DEFAULT_MAX_SESSIONS, null, null);
    }

    public static ListenerConfig tls(String address, int port, TlsSettings tls) {
        return new ListenerConfig(Protocol.TLS, address, port, "imtcp", DEFAULT_MAX_SESSIONS, tls, null);
    }

    @Override
    public String toString() {
        return protocol.name().toLowerCase(java.util.Locale.ROOT) + " "
                + (address == null || address.isEmpty() ? "*" : address) + ":" + port;
    }
}

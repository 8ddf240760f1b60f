package dev.vigil.collector.action.forward;

import javax.net.ssl.SSLContext;

/**
 * Where and how omfwd sends.
 *
 * @param host target host name or address (IPv6 without brackets)
 * @param port target port (rsyslog's default 514)
 * @param tcp TCP when true, UDP otherwise
 * @param octetCounted RFC 6587 octet-counting framing ({@code @@(o)}, {@code TCP_Framing="octet-counted"})
 * @param zipLevel 0 for none, 1..9 for rsyslog's zlib compression ({@code @(z9)}, {@code ZipLevel})
 * @param maxMessageSize messages longer than this are truncated, as rsyslog does ($MaxMessageSize)
 * @param tls when not null, TCP runs through TLS with this context (stream driver gtls/ossl, mode 1)
 * @param permittedPeers for TLS with name checking: names the server certificate must carry; empty to
 *     accept any certificate the context trusts
 * @param connectTimeoutMillis how long a TCP connect may take
 */
public record ForwardSettings(String host, int port, boolean tcp, boolean octetCounted, int zipLevel,
        int maxMessageSize, SSLContext tls, java.util.List<String> permittedPeers, int connectTimeoutMillis) {
    public ForwardSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        if (zipLevel < 0 || zipLevel > 9) {
            throw new IllegalArgumentException("zip level " + zipLevel + " is outside 0..9");
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
        permittedPeers = permittedPeers == null ? java.util.List.of() : java.util.List.copyOf(permittedPeers);
    }

    /** rsyslog's legacy spelling of the target: {@code @host:port}, {@code @@(o,z9)[::1]:port}. */
    public String describeTarget() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        StringBuilder opts = new StringBuilder();
        if (octetCounted) {
            opts.append('o');
        }
        if (zipLevel > 0) {
            opts.append(opts.length() > 0 ? "," : "").append('z').append(zipLevel);
        }
        return (tcp ? "@@" : "@") + (opts.length() > 0 ? "(" + opts + ")" : "") + h + ":" + port
                + (tls != null ? " (TLS)" : "");
    }
}

package dev.vigil.ntp.client;

/**
 * A {@code HOST[:PORT]} as users write it: {@code time.example}, {@code 10.0.0.1:11123},
 * {@code [::1]:11123}, or a bare IPv6 literal such as {@code ::1} (no port then).
 */
public final class ServerAddress {
    /** The NTP port (RFC 5905 §7.2). */
    public static final int NTP_PORT = 123;
    public final String host;
    public final int port;

    public ServerAddress(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        this.host = host;
        this.port = port;
    }

    /** Parses {@code HOST[:PORT]}; throws IllegalArgumentException with the reason. */
    public static ServerAddress parse(String spec, int defaultPort) {
        String s = spec.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + spec);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new ServerAddress(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':PORT' after ']' in " + spec);
            }
            return new ServerAddress(host, port(rest.substring(1), spec));
        }
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
            return new ServerAddress(s, defaultPort); // a name, IPv4, or a bare IPv6 literal
        }
        return new ServerAddress(s.substring(0, colon), port(s.substring(colon + 1), spec));
    }

    private static int port(String p, String spec) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + p + "' in " + spec + " is not a number");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (port == NTP_PORT ? "" : ":" + port);
    }
}

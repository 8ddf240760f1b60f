package dev.vigil.sensor.conn;

import java.util.HashSet;
import java.util.Set;

/** Connection-table settings, with Zeek's defaults (base/init-bare.zeek). */
public final class ConnConfig {
    public double tcpInactivityTimeout = 300;
    public double udpInactivityTimeout = 60;
    public double icmpInactivityTimeout = 60;
    /** tcp_attempt_delay: an unanswered SYN is given up after this long. */
    public double tcpAttemptDelay = 5;
    /** tcp_close_delay: a closed connection lingers this long before removal. */
    public double tcpCloseDelay = 5;
    /** tcp_SYN_timeout: first expire check. */
    public double tcpSynTimeout = 5;
    /** tcp_session_timer: later expire checks. */
    public double tcpSessionTimer = 6;
    /** tcp_connection_linger. */
    public double tcpConnectionLinger = 5;
    public boolean ignoreChecksums;
    /**
     * Draw each connection's uid when it is created (Zeek's default mode, where new_connection is
     * handled). When false, a uid is drawn at the first event about the connection.
     */
    public boolean eagerUids = true;
    /** Weird events are handled (the weird script is loaded), so they also draw a uid. */
    public boolean weirdEvents = true;
    /** Bound on live connections; past it the least recently active one is evicted (logged). */
    public int maxConnections = 1_000_000;
    /** likely_server_ports, encoded as port | proto << 16 (proto 6 or 17). */
    public final Set<Integer> likelyServerPorts = new HashSet<>();

    public boolean isLikelyServerPort(int port, int proto) {
        return likelyServerPorts.contains(port | proto << 16);
    }
}

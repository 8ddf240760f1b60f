package dev.vigil.sensor.decode;

/** What the decoder reports: IP packets ready for the connection table, tunnels, and anomalies. */
public interface DecodeListener {
    /** A complete IP packet (possibly reassembled, possibly from inside a tunnel). */
    void ip(Packet p);

    /**
     * The tunnel between the two outer addresses of {@code outer}; implementations keep one per
     * address pair and draw its uid when it is first seen.
     */
    Tunnel tunnel(Packet outer, String type);

    /** A weird event in Zeek's sense (its name, e.g. "truncated_IP"), not tied to a connection. */
    void weird(String name, double ts);
}

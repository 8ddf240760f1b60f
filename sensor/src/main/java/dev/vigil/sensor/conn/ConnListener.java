package dev.vigil.sensor.conn;

/** Callbacks from the connection table to the rest of the sensor. */
public interface ConnListener {
    /** A new connection, after Zeek's originator/responder decision: attach analyzers here. */
    void created(Conn c);

    /** The connection left the table (timeout, close, eviction or end of input): log it. */
    void removed(Conn c);

    /** A weird event for a connection (Zeek's conn weirds). */
    void weird(Conn c, String name, double ts);
}

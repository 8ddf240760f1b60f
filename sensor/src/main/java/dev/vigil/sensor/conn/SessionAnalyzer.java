package dev.vigil.sensor.conn;

/**
 * A protocol analyzer attached to one connection. It receives UDP/ICMP payloads per packet and
 * TCP payload as the reassembled, in-order stream of each direction.
 */
public interface SessionAnalyzer {
    /** Payload bytes from the originator ({@code isOrig}) or the responder. */
    void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double ts);

    /** A stream gap of {@code len} bytes in one direction (TCP only). */
    default void gap(Conn c, boolean isOrig, long len) {
    }

    /** The connection is about to be logged and forgotten. */
    default void done(Conn c) {
    }
}

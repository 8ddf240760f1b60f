package dev.vigil.agent.ship;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The shipper's counters; all monotonic except the gauges named so. */
public final class ShipperStats {
    /** Events written to the server (resent ones included). */
    public final LongAdder sent = new LongAdder();
    /** Events the server acknowledged as durable. */
    public final LongAdder acked = new LongAdder();
    /** Events sent again after a reconnect (they had been sent before without an ack). */
    public final LongAdder resent = new LongAdder();
    /** Events the server already held when the agent connected (acknowledged without sending). */
    public final LongAdder skipped = new LongAdder();
    /** Events whose body was cut to fit the server's largest frame. */
    public final LongAdder truncated = new LongAdder();
    /** Batch frames written. */
    public final LongAdder batches = new LongAdder();
    /** Bytes of batch frames written. */
    public final LongAdder bytes = new LongAdder();
    /** Connections established (hello answered). */
    public final LongAdder connects = new LongAdder();
    /** Connections established after a lost one. */
    public final LongAdder reconnects = new LongAdder();
    /** Attempts that failed (refused, TLS, no welcome). */
    public final LongAdder connectFailures = new LongAdder();
    /** Connections dropped because the oldest batch waited longer than the ack timeout. */
    public final LongAdder ackTimeouts = new LongAdder();
    /** Frames from the server that broke the protocol. */
    public final LongAdder protocolErrors = new LongAdder();
    /** Clock reports sent. */
    public final LongAdder clockReports = new LongAdder();
    /** Clock measurements that failed (no answer, or the server's NTP refused as unsynchronised). */
    public final LongAdder clockFailures = new LongAdder();
    /** Gauge: the last round trip from sending a batch to its ack, microseconds. */
    public final AtomicLong lastRttMicros = new AtomicLong();
    /** Sum of round trips (for the mean with {@link #rttSamples}), microseconds. */
    public final LongAdder rttMicrosTotal = new LongAdder();
    public final LongAdder rttSamples = new LongAdder();
    /** Gauge: batches in flight now. */
    public final AtomicLong inFlight = new AtomicLong();
    /** Gauge: the last measured offset (server minus agent), nanoseconds; 0 until measured. */
    public final AtomicLong clockOffsetNanos = new AtomicLong();

    /** Mean round trip in milliseconds, 0 before the first ack. */
    public double meanRttMillis() {
        long n = rttSamples.sum();
        return n == 0 ? 0 : rttMicrosTotal.sum() / 1000.0 / n;
    }

    @Override
    public String toString() {
        return "sent=" + sent.sum() + " acked=" + acked.sum() + " resent=" + resent.sum() + " skipped=" + skipped.sum()
                + " reconnects=" + reconnects.sum() + " connect_failures=" + connectFailures.sum() + " rtt_ms="
                + String.format(java.util.Locale.ROOT, "%.1f", meanRttMillis());
    }
}

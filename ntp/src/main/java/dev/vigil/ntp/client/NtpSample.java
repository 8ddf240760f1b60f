package dev.vigil.ntp.client;

import dev.vigil.ntp.packet.NtpPacket;

import java.net.InetSocketAddress;

/**
 * The outcome of one exchange with a server: the reply and the on-wire results (RFC 5905 §8:
 * offset theta, delay delta, dispersion epsilon), or why it was rejected, or that nothing came.
 */
public final class NtpSample {
    public final InetSocketAddress server;
    /** The reply, null when none came. */
    public final NtpPacket reply;
    /** Server minus local clock, seconds (theta). */
    public final double offset;
    /** Round-trip delay, seconds (delta). */
    public final double delay;
    /** Dispersion of this sample, seconds (epsilon). */
    public final double dispersion;
    /** Local system time of the reply's arrival, Unix epoch nanoseconds. */
    public final long localReceiveNanos;
    /** Null when accepted; otherwise the reason, e.g. "unsynchronized (leap indicator 3)". */
    public final String rejection;

    NtpSample(InetSocketAddress server, NtpPacket reply, double offset, double delay, double dispersion,
              long localReceiveNanos, String rejection) {
        this.server = server;
        this.reply = reply;
        this.offset = offset;
        this.delay = delay;
        this.dispersion = dispersion;
        this.localReceiveNanos = localReceiveNanos;
        this.rejection = rejection;
    }

    /** True when the reply passed every check. */
    public boolean accepted() {
        return rejection == null;
    }

    /** True when no reply came at all. */
    public boolean noAnswer() {
        return reply == null;
    }

    /**
     * Root distance (RFC 5905 §A.5.5.2, root_dist without the age term): half the total delay
     * plus the total dispersion; what the query ranks servers by.
     */
    public double rootDistance() {
        if (reply == null) {
            return Double.MAX_VALUE;
        }
        return Math.max(1e-3, reply.rootDelaySeconds() + delay) / 2 + reply.rootDispersionSeconds() + dispersion;
    }

    @Override
    public String toString() {
        return server + (accepted() ? " offset=" + offset + " delay=" + delay : " rejected: " + rejection);
    }
}

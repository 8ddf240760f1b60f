package dev.vigil.ntp.client;

import dev.vigil.ntp.packet.NtpFormatException;
import dev.vigil.ntp.packet.NtpLayout;
import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.packet.NtpTimestamp;
import dev.vigil.ntp.source.PrecisionMeter;
import dev.vigil.ntp.source.ServedTime;
import dev.vigil.ntp.source.WallClock;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * One NTPv4 client exchange per call (RFC 5905 §8, on-wire protocol). The request carries a random
 * transmit timestamp, as chronyd's does: it hides our clock and makes the origin check a nonce; the
 * real send time T1 is kept locally, and T4 is derived from it with the monotonic clock so a clock
 * step during the exchange cannot distort the delay. Replies are checked as RFC 5905 §8 and
 * §7.4 require; rejected replies come back with the reason.
 */
public final class NtpClient {
    /** Largest reply accepted: a header and some extension fields. */
    public static final int MAX_REPLY = 1024;
    private final WallClock clock;
    private final int timeoutMillis;
    private final SecureRandom random = new SecureRandom();
    private final int localPrecision;

    public NtpClient(WallClock clock, int timeoutMillis) {
        this.clock = clock;
        this.timeoutMillis = timeoutMillis;
        this.localPrecision = PrecisionMeter.measure(clock);
    }

    /** Sends one request to {@code server} and waits for its reply. I/O errors other than a timeout are thrown. */
    public NtpSample query(InetSocketAddress server) throws IOException {
        long nonce = random.nextLong();
        NtpPacket request = new NtpPacket(NtpPacket.LEAP_NONE, 4, NtpPacket.MODE_CLIENT, 0, 0, 0, 0, 0, 0, 0, 0, 0, nonce);
        byte[] out = request.toBytes();
        byte[] in = new byte[MAX_REPLY + 1];
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            long t1Nanos = clock.epochNanos();
            long t1Mono = System.nanoTime();
            socket.send(new DatagramPacket(out, out.length));
            long deadline = t1Mono + timeoutMillis * 1_000_000L;
            String firstRejection = null;
            NtpPacket firstRejected = null;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return new NtpSample(server, firstRejected, 0, 0, 0, 0,
                            firstRejection == null ? "no answer" : firstRejection);
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket dp = new DatagramPacket(in, in.length);
                try {
                    socket.receive(dp);
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (java.net.PortUnreachableException e) {
                    return new NtpSample(server, null, 0, 0, 0, 0, "no answer (ICMP port unreachable)");
                }
                long t4Mono = System.nanoTime();
                NtpPacket reply;
                try {
                    reply = NtpPacket.decode(java.util.Arrays.copyOf(in, dp.getLength()), MAX_REPLY);
                } catch (NtpFormatException e) {
                    firstRejection = firstRejection == null ? "malformed reply: " + e.getMessage() : firstRejection;
                    continue;
                }
                String why = check(reply, nonce);
                if (why != null) {
                    if (firstRejection == null) {
                        firstRejection = why;
                        firstRejected = reply;
                    }
                    if (reply.originTimestamp != nonce) {
                        continue; // not ours: keep waiting for the genuine reply
                    }
                    return new NtpSample(server, reply, 0, 0, 0, 0, why);
                }
                return sample(server, reply, t1Nanos, t4Mono - t1Mono);
            }
        }
    }

    private NtpSample sample(InetSocketAddress server, NtpPacket reply, long t1Nanos, long elapsedNanos) {
        long t1 = NtpTimestamp.fromEpochNanos(t1Nanos);
        long t4 = NtpTimestamp.fromEpochNanos(t1Nanos + elapsedNanos);
        long t2 = reply.receiveTimestamp;
        long t3 = reply.transmitTimestamp;
        // RFC 5905 §8: theta = ((T2 - T1) + (T3 - T4)) / 2, delta = (T4 - T1) - (T3 - T2)
        double offset = (NtpTimestamp.diffSeconds(t2, t1) + NtpTimestamp.diffSeconds(t3, t4)) / 2;
        double delay = Math.max(elapsedNanos * 1e-9 - NtpTimestamp.diffSeconds(t3, t2), Math.pow(2, localPrecision));
        double dispersion = Math.pow(2, reply.precision) + Math.pow(2, localPrecision) + ServedTime.PHI * elapsedNanos * 1e-9;
        return new NtpSample(server, reply, offset, delay, dispersion, t1Nanos + elapsedNanos, null);
    }

    /** RFC 5905 §8 tests and §7.4 kiss codes; null when the reply is acceptable. */
    static String check(NtpPacket reply, long nonce) {
        if (reply.originTimestamp != nonce) {
            return "wrong origin timestamp (not a reply to our request)";
        }
        if (reply.mode != NtpPacket.MODE_SERVER) {
            return "mode " + reply.mode + " is not a server reply";
        }
        if (reply.layout != NtpLayout.PLAIN) {
            return "authenticated or NTS reply we cannot verify";
        }
        if (reply.isKissOfDeath()) {
            String code = reply.referenceIdAscii();
            return "kiss-o'-death " + (code.isEmpty() ? "(no code)" : code);
        }
        if (reply.leap == NtpPacket.LEAP_UNSYNCHRONIZED) {
            return "unsynchronized (leap indicator 3)";
        }
        if (reply.stratum == 0 || reply.stratum >= NtpPacket.STRATUM_UNSYNCHRONIZED) {
            return "stratum " + reply.stratum + (reply.stratum == 0 ? " (unspecified)" : " (unsynchronized)");
        }
        if (reply.transmitTimestamp == 0 || reply.receiveTimestamp == 0) {
            return "zero receive or transmit timestamp";
        }
        if (NtpTimestamp.diffSeconds(reply.transmitTimestamp, reply.receiveTimestamp) < 0) {
            return "transmit timestamp before receive timestamp";
        }
        return null;
    }
}

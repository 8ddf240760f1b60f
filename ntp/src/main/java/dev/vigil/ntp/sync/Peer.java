package dev.vigil.ntp.sync;

import dev.vigil.ntp.client.NtpSample;
import dev.vigil.ntp.packet.NtpPacket;

import java.net.InetSocketAddress;

/**
 * One upstream association (RFC 5905 §9): the reach register, the poll exponent, the last
 * header fields heard, and the {@link ClockFilter}. Thread-safe; {@link #status()} is a snapshot.
 */
final class Peer {
    private static final int UPDATES_PER_POLL_STEP = 4;
    final String name;
    final InetSocketAddress address;
    private final ClockFilter filter = new ClockFilter();
    private final int minPoll;
    private final int maxPoll;
    private int reach;
    private int poll;
    private int leap = NtpPacket.LEAP_UNSYNCHRONIZED;
    private int stratum = NtpPacket.STRATUM_UNSYNCHRONIZED;
    private int referenceId;
    private double rootDelay;
    private double rootDispersion;
    private String problem;
    private int updatesAtPoll;
    private int burst;
    private String lastRejection;

    Peer(String name, InetSocketAddress address, int minPoll, int maxPoll, boolean iburst) {
        this.name = name;
        this.address = address;
        this.minPoll = minPoll;
        this.maxPoll = maxPoll;
        this.poll = minPoll;
        this.burst = iburst ? 4 : 0;
    }

    /** Called as a request goes out: the reach register shifts (RFC 5905 §13, A.5.7.1 poll). */
    synchronized void polled() {
        reach = (reach << 1) & 0xFF;
    }

    /** A sample that passed the client checks; returns true when the filter produced a new estimate. */
    synchronized boolean accept(NtpSample s, double localPrecision) {
        reach |= 1;
        NtpPacket r = s.reply;
        leap = r.leap;
        stratum = r.stratum;
        referenceId = r.referenceId;
        rootDelay = r.rootDelaySeconds();
        rootDispersion = r.rootDispersionSeconds();
        lastRejection = null;
        boolean fresh = filter.add(s.offset, s.delay, s.dispersion, s.localReceiveNanos, localPrecision);
        if (burst == 0 && filter.samples() == ClockFilter.NSTAGE && ++updatesAtPoll >= UPDATES_PER_POLL_STEP
                && poll < maxPoll) {
            poll++;
            updatesAtPoll = 0;
        }
        return fresh;
    }

    /** A rejected reply or no answer: kiss codes act (RFC 5905 §7.4), others are remembered. */
    synchronized void reject(NtpSample s) {
        lastRejection = s.rejection;
        if (s.reply != null && s.reply.originTimestamp != 0 && !s.rejection.startsWith("wrong origin")) {
            leap = s.reply.leap; // an LI=3 or stratum-16 answer makes the source unfit at once
            stratum = s.reply.stratum;
        }
        if (s.reply != null && s.reply.isKissOfDeath() && s.reply.originTimestamp != 0) {
            String code = s.reply.referenceIdAscii();
            if ("DENY".equals(code) || "RSTR".equals(code)) {
                problem = "kiss-o'-death " + code + ": no longer polled";
            } else if ("RATE".equals(code)) {
                poll = Math.min(Math.max(maxPoll, minPoll), poll + 1);
                burst = 0;
            }
        }
    }

    /** Nanoseconds until the next poll; while bursting, 2 s apart (or the poll interval if shorter). */
    synchronized long nextPollNanos() {
        double seconds = Math.pow(2, poll);
        if (burst > 0) {
            burst--;
            seconds = Math.min(2.0, seconds);
        }
        return (long) (seconds * 1e9);
    }

    synchronized boolean demobilized() {
        return problem != null;
    }

    synchronized PeerStatus status() {
        String why = problem;
        if (why == null && reach == 0) {
            why = lastRejection == null ? "unreachable" : "unreachable: " + lastRejection;
        }
        return new PeerStatus(name, address, reach, poll, leap, stratum, referenceId, rootDelay, rootDispersion,
                filter.offset(), filter.delay(), filter.dispersion(), filter.jitter(), filter.time(), why);
    }
}

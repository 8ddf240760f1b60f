package dev.vigil.ntp.sync;

import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.client.NtpSample;
import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.source.ServedTime;
import dev.vigil.ntp.source.TimeSource;
import dev.vigil.ntp.source.WallClock;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Polls the upstream sources, runs selection after each new estimate, and serves the result as a
 * {@link TimeSource}: system clock + combined offset, stratum = system peer + 1, refid = its IPv4
 * address or the first four bytes of the MD5 of its IPv6 address, root delay and dispersion
 * accumulated as RFC 5905 A.5.5.6 clock_update does (without the |offset| term: we serve the
 * corrected time instead of slewing a clock toward it). With no selectable source it keeps the last
 * estimate while its root distance, aged by PHI, stays under MAXDIST, then falls back to
 * {@code fallback} (local stratum, or unsynchronized).
 */
public final class Synchronizer implements TimeSource, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Synchronizer.class);
    private final List<Peer> peers;
    private final NtpClient client;
    private final WallClock clock;
    private final TimeSource fallback;
    private final double localPrecision;
    private final int minPoll;
    private final ScheduledExecutorService scheduler;
    private volatile ServedTime synced;
    private volatile long holdoverUntil;
    private volatile Selection.Result lastSelection;

    Synchronizer(List<Peer> peers, NtpClient client, WallClock clock, TimeSource fallback, int localPrecisionExp,
                 int minPoll) {
        this.peers = List.copyOf(peers);
        this.client = client;
        this.clock = clock;
        this.fallback = fallback;
        this.localPrecision = Math.pow(2, localPrecisionExp);
        this.minPoll = minPoll;
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(8, peers.size())), r -> {
            Thread t = new Thread(r, "vigil-ntp-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the associations and starts polling them. */
    public static Synchronizer start(List<UpstreamSource> sources, NtpClient client, WallClock clock, TimeSource fallback,
                                     int localPrecisionExp, int minPoll, int maxPoll, boolean iburst) {
        List<Peer> peers = new ArrayList<>();
        for (UpstreamSource s : sources) {
            peers.add(new Peer(s.name, s.address, minPoll, maxPoll, iburst));
        }
        Synchronizer sync = new Synchronizer(peers, client, clock, fallback, localPrecisionExp, minPoll);
        long stagger = 0;
        for (Peer p : peers) {
            sync.scheduler.schedule(() -> sync.poll(p), stagger, TimeUnit.MILLISECONDS);
            stagger += 20;
        }
        return sync;
    }

    private void poll(Peer p) {
        if (p.demobilized() || scheduler.isShutdown()) {
            return;
        }
        try {
            p.polled();
            NtpSample s = client.query(p.address);
            if (s.accepted()) {
                if (p.accept(s, localPrecision)) {
                    reselect();
                }
            } else {
                p.reject(s);
                reselect();
            }
        } catch (Exception e) { // one failed poll must not end the polling of this source
            LOG.debug("poll of {} failed: {}", p.address, e.toString());
        } finally {
            if (!p.demobilized() && !scheduler.isShutdown()) {
                try {
                    scheduler.schedule(() -> poll(p), p.nextPollNanos(), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.RejectedExecutionException ignored) {
                    // closing
                }
            }
        }
    }

    /** Runs selection over the current peer states and publishes the new served time. */
    synchronized void reselect() {
        long now = clock.epochNanos();
        List<PeerStatus> st = peers();
        Selection.Result r = Selection.select(st, now, minPoll);
        lastSelection = r;
        PeerStatus p = r.systemPeer;
        if (p == null || p.stratum + 1 > NtpPacket.MAX_STRATUM) {
            return; // keep the last estimate until its holdover ends
        }
        long offsetNanos = Math.round(r.offset * 1e9);
        double rootDelay = p.rootDelay + p.delay;
        double rootDisp = Math.max(Selection.MINDISP, p.rootDispersion + p.dispersion + r.jitter
                + ServedTime.PHI * Math.max(0, now - p.updated) * 1e-9);
        ServedTime t = new ServedTime(p.leap, p.stratum + 1, referenceId(p.address.getAddress()), now + offsetNanos,
                rootDelay, rootDisp, offsetNanos);
        holdoverUntil = now + (long) (Math.max(0, ClockFilter.MAXDIST - rootDelay / 2 - rootDisp) / ServedTime.PHI * 1e9);
        synced = t;
    }

    @Override
    public ServedTime current() {
        return current(clock.epochNanos());
    }

    @Override
    public ServedTime current(long nowNanos) {
        ServedTime t = synced;
        if (t != null && nowNanos < holdoverUntil) {
            return t;
        }
        return fallback.current(nowNanos);
    }

    /** True while serving upstream time (not the fallback). */
    public boolean synchronizedToUpstream() {
        return synced != null && clock.epochNanos() < holdoverUntil;
    }

    /** Snapshots of every source. */
    public List<PeerStatus> peers() {
        List<PeerStatus> out = new ArrayList<>();
        for (Peer p : peers) {
            out.add(p.status());
        }
        return out;
    }

    /** The last selection result, or null before the first. */
    public Selection.Result lastSelection() {
        return lastSelection;
    }

    /** RFC 5905 §7.3: an IPv4 upstream's address, or the first four octets of the MD5 of an IPv6 one. */
    public static int referenceId(InetAddress a) {
        byte[] b = a.getAddress();
        if (!(a instanceof Inet4Address)) {
            try {
                b = MessageDigest.getInstance("MD5").digest(b);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

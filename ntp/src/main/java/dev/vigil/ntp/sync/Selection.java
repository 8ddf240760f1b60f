package dev.vigil.ntp.sync;

import dev.vigil.ntp.packet.NtpPacket;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Selection, cluster and combine (RFC 5905 §11.2, Appendix A.5.5): which sources are fit, which
 * are truechimers (Marzullo's intersection as modified by RFC 5905), which survive clustering,
 * which one is the system peer, and the combined offset and jitter. Pure: same input, same result.
 */
public final class Selection {
    /** Minimum dispersion increment, 0.01 s (RFC 5905 §7.2, MINDISP). */
    public static final double MINDISP = 0.01;
    /** Survivors below which clustering stops (RFC 5905 Appendix A.1.1, NMIN). */
    public static final int NMIN = 3;

    private Selection() {
    }

    /** The outcome: null system peer when nothing could be selected. */
    public static final class Result {
        public final PeerStatus systemPeer;
        public final List<PeerStatus> survivors;
        public final List<PeerStatus> falsetickers;
        public final double offset;
        public final double jitter;

        Result(PeerStatus systemPeer, List<PeerStatus> survivors, List<PeerStatus> falsetickers, double offset,
               double jitter) {
            this.systemPeer = systemPeer;
            this.survivors = survivors;
            this.falsetickers = falsetickers;
            this.offset = offset;
            this.jitter = jitter;
        }
    }

    /** RFC 5905 A.5.5.3 fit(): synchronized, stratum below 16, reachable, and within MAXDIST. */
    public static boolean fit(PeerStatus p, long now, int pollExponent) {
        return p.problem == null && p.updated != 0 && p.reach != 0
                && p.leap != NtpPacket.LEAP_UNSYNCHRONIZED && p.stratum >= 1 && p.stratum < NtpPacket.STRATUM_UNSYNCHRONIZED
                && p.rootDistance(now) <= ClockFilter.MAXDIST + dev.vigil.ntp.source.ServedTime.PHI * Math.pow(2, pollExponent);
    }

    /** Runs the three algorithms over {@code peers} at local time {@code now}. */
    public static Result select(List<PeerStatus> peers, long now, int pollExponent) {
        List<PeerStatus> fit = new ArrayList<>();
        for (PeerStatus p : peers) {
            if (fit(p, now, pollExponent)) {
                fit.add(p);
            }
        }
        int n = fit.size();
        if (n == 0) {
            return new Result(null, List.of(), List.of(), 0, 0);
        }
        // intersection: endpoints typed -1 (low), 0 (midpoint), +1 (high), sorted by value (A.5.5.1)
        double[][] ends = new double[3 * n][];
        for (int i = 0; i < n; i++) {
            PeerStatus p = fit.get(i);
            double rd = p.rootDistance(now);
            ends[3 * i] = new double[]{p.offset - rd, -1};
            ends[3 * i + 1] = new double[]{p.offset, 0};
            ends[3 * i + 2] = new double[]{p.offset + rd, +1};
        }
        java.util.Arrays.sort(ends, Comparator.comparingDouble((double[] e) -> e[0]).thenComparingDouble(e -> e[1]));
        double low = 0;
        double high = 0;
        int allow;
        for (allow = 0; 2 * allow < n; allow++) {
            int found = 0;
            int chime = 0;
            for (double[] e : ends) {
                chime -= (int) e[1];
                if (chime >= n - allow) {
                    low = e[0];
                    break;
                }
                if (e[1] == 0) {
                    found++;
                }
            }
            chime = 0;
            for (int i = ends.length - 1; i >= 0; i--) {
                chime += (int) ends[i][1];
                if (chime >= n - allow) {
                    high = ends[i][0];
                    break;
                }
                if (ends[i][1] == 0) {
                    found++;
                }
            }
            if (found > allow) {
                continue;
            }
            if (high > low) {
                break;
            }
        }
        if (2 * allow >= n) {
            return new Result(null, List.of(), fit, 0, 0); // no majority of truechimers
        }
        List<PeerStatus> survivors = new ArrayList<>();
        List<PeerStatus> falsetickers = new ArrayList<>();
        for (PeerStatus p : fit) {
            (p.offset < low || p.offset > high ? falsetickers : survivors).add(p);
        }
        cluster(survivors);
        survivors.sort(Comparator.comparingDouble(p -> ClockFilter.MAXDIST * p.stratum + p.rootDistance(now)));
        PeerStatus sys = survivors.get(0);
        // combine (A.5.5.5): weights are the reciprocal root distances
        double y = 0;
        double z = 0;
        double w = 0;
        for (PeerStatus p : survivors) {
            double x = p.rootDistance(now);
            y += 1 / x;
            z += p.offset / x;
            w += (p.offset - sys.offset) * (p.offset - sys.offset) / x;
        }
        double jitter = Math.sqrt(sys.jitter * sys.jitter + w / y);
        return new Result(sys, List.copyOf(survivors), List.copyOf(falsetickers), z / y, jitter);
    }

    /** Cluster (A.5.5.3): drop the survivor with the largest selection jitter while that beats the peer jitters. */
    static void cluster(List<PeerStatus> survivors) {
        while (survivors.size() > NMIN) {
            double maxSel = -1;
            int worst = -1;
            double minPeer = Double.MAX_VALUE;
            for (int i = 0; i < survivors.size(); i++) {
                PeerStatus p = survivors.get(i);
                double sum = 0;
                for (PeerStatus q : survivors) {
                    sum += (q.offset - p.offset) * (q.offset - p.offset);
                }
                double sel = Math.sqrt(sum / (survivors.size() - 1));
                if (sel > maxSel) {
                    maxSel = sel;
                    worst = i;
                }
                minPeer = Math.min(minPeer, p.jitter);
            }
            if (maxSel <= minPeer) {
                break;
            }
            survivors.remove(worst);
        }
    }
}

package dev.vigil.ntp.sync;

import dev.vigil.ntp.source.ServedTime;

import java.net.InetSocketAddress;

/**
 * An immutable view of one upstream source at one moment (RFC 5905 §9 peer variables): what the
 * selection algorithms read, and what the server module exposes. Times are local epoch nanoseconds.
 */
public final class PeerStatus {
    public final String name;
    public final InetSocketAddress address;
    public final int reach;
    public final int poll;
    public final int leap;
    public final int stratum;
    public final int referenceId;
    public final double rootDelay;
    public final double rootDispersion;
    public final double offset;
    public final double delay;
    public final double dispersion;
    public final double jitter;
    /** Local time of the sample behind offset/delay, 0 = none yet. */
    public final long updated;
    /** Null while usable; otherwise why not (e.g. "unreachable", "KoD DENY"). */
    public final String problem;

    public PeerStatus(String name, InetSocketAddress address, int reach, int poll, int leap, int stratum,
                      int referenceId, double rootDelay, double rootDispersion, double offset, double delay,
                      double dispersion, double jitter, long updated, String problem) {
        this.name = name;
        this.address = address;
        this.reach = reach;
        this.poll = poll;
        this.leap = leap;
        this.stratum = stratum;
        this.referenceId = referenceId;
        this.rootDelay = rootDelay;
        this.rootDispersion = rootDispersion;
        this.offset = offset;
        this.delay = delay;
        this.dispersion = dispersion;
        this.jitter = jitter;
        this.updated = updated;
        this.problem = problem;
    }

    /**
     * Root distance at local time {@code now} (RFC 5905 Appendix A.5.5.2 root_dist): half the
     * total delay (at least MINDISP) plus the total dispersion, aged by PHI, plus the jitter.
     */
    public double rootDistance(long now) {
        return Math.max(Selection.MINDISP, rootDelay + delay) / 2 + rootDispersion + dispersion
                + ServedTime.PHI * Math.max(0, now - updated) * 1e-9 + jitter;
    }

    @Override
    public String toString() {
        return name + " (" + address + ") reach=" + Integer.toOctalString(reach) + " stratum=" + stratum
                + " offset=" + offset + " delay=" + delay + " disp=" + dispersion + " jitter=" + jitter
                + (problem == null ? "" : " problem=" + problem);
    }
}

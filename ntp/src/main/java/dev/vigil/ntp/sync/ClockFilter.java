package dev.vigil.ntp.sync;

import dev.vigil.ntp.source.ServedTime;

import java.util.Arrays;

/**
 * The clock filter of one source (RFC 5905 §10, Appendix A.5.2 clock_filter): an 8-stage shift
 * register of (offset, delay, dispersion, time) samples; the lowest-delay sample gives the peer
 * offset and delay, the dispersion is the 1/2-weighted sum of the delay-sorted dispersions, and
 * the jitter is the RMS of offset differences from the chosen sample.
 */
public final class ClockFilter {
    /** Number of stages (RFC 5905 §7.2, NSTAGE). */
    public static final int NSTAGE = 8;
    /** Maximum distance, 1.5 s (RFC 5905 §7.2, MAXDIST). */
    public static final double MAXDIST = 1.5;
    private static final double FWEIGHT = 0.5; // RFC 5905 Appendix A.1.1, NTP_FWEIGHT

    private final double[] offset = new double[NSTAGE];
    private final double[] delay = new double[NSTAGE];
    private final double[] disp = new double[NSTAGE];
    private final long[] time = new long[NSTAGE];
    private int samples;
    private long lastUpdate;
    private double peerOffset;
    private double peerDelay;
    private double peerDispersion = ServedTime.MAXDISP;
    private double peerJitter;
    private long peerTime;

    public ClockFilter() {
        Arrays.fill(delay, ServedTime.MAXDISP);
        Arrays.fill(disp, ServedTime.MAXDISP);
    }

    /**
     * Adds a sample taken at local time {@code nowNanos}; returns true when it produced a newer
     * peer estimate (RFC 5905: a sample older than the last one used is not used twice).
     */
    public boolean add(double sampleOffset, double sampleDelay, double sampleDisp, long nowNanos, double precision) {
        double aged = ServedTime.PHI * Math.max(0, nowNanos - lastUpdate) * 1e-9;
        for (int i = NSTAGE - 1; i > 0; i--) {
            offset[i] = offset[i - 1];
            delay[i] = delay[i - 1];
            disp[i] = Math.min(ServedTime.MAXDISP, disp[i - 1] + (samples > 0 ? aged : 0));
            time[i] = time[i - 1];
        }
        offset[0] = sampleOffset;
        delay[0] = sampleDelay;
        disp[0] = sampleDisp;
        time[0] = nowNanos;
        lastUpdate = nowNanos;
        samples = Math.min(NSTAGE, samples + 1);

        Integer[] idx = new Integer[NSTAGE];
        for (int i = 0; i < NSTAGE; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(delay[a], delay[b]));
        int m = 0;
        for (int i = 0; i < NSTAGE; i++) {
            double d = delay[idx[i]];
            if (d >= ServedTime.MAXDISP || (m >= 2 && d >= MAXDIST)) {
                continue;
            }
            m++;
        }
        double dispersion = 0;
        double jitter = 0;
        int best = idx[0];
        for (int i = NSTAGE - 1; i >= 0; i--) {
            dispersion = FWEIGHT * (dispersion + disp[idx[i]]);
            if (i < m) {
                double d = offset[best] - offset[idx[i]];
                jitter += d * d;
            }
        }
        if (m == 0) {
            return false;
        }
        peerDispersion = dispersion;
        if (m > 1) {
            jitter /= m - 1;
        }
        peerJitter = Math.max(Math.sqrt(jitter), precision);
        if (time[best] <= peerTime && peerTime != 0) {
            return false; // RFC 5905 A.5.2: do not use a sample twice, or an older one
        }
        peerOffset = offset[best];
        peerDelay = delay[best];
        peerTime = time[best];
        return true;
    }

    public double offset() {
        return peerOffset;
    }

    public double delay() {
        return peerDelay;
    }

    public double dispersion() {
        return peerDispersion;
    }

    public double jitter() {
        return peerJitter;
    }

    /** Local time of the sample behind the estimate, Unix epoch nanoseconds (0 = none yet). */
    public long time() {
        return peerTime;
    }

    /** Samples held, at most {@link #NSTAGE}. */
    public int samples() {
        return samples;
    }
}

package dev.vigil.ntp.skew;

/** One host's skew at one moment: the window median (seconds, positive = host clock ahead), sample count, state. */
public final class HostSkew {
    public final String host;
    public final double medianSeconds;
    public final int samples;
    /** Received time of the newest sample, Unix epoch nanoseconds. */
    public final long lastSeenNanos;
    public final boolean overThreshold;

    public HostSkew(String host, double medianSeconds, int samples, long lastSeenNanos, boolean overThreshold) {
        this.host = host;
        this.medianSeconds = medianSeconds;
        this.samples = samples;
        this.lastSeenNanos = lastSeenNanos;
        this.overThreshold = overThreshold;
    }

    @Override
    public String toString() {
        return host + " median=" + medianSeconds + "s samples=" + samples + (overThreshold ? " OVER" : "");
    }
}

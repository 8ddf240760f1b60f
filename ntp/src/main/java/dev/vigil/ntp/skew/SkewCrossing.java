package dev.vigil.ntp.skew;

/**
 * A host's median skew crossed the threshold: {@code above} true when it went over (the event
 * the issue asks for, {@code sourcetype=vigil:clock}), false when it came back under.
 */
public final class SkewCrossing {
    public final String host;
    public final boolean above;
    public final double medianSeconds;
    public final double thresholdSeconds;
    public final long atNanos;

    public SkewCrossing(String host, boolean above, double medianSeconds, double thresholdSeconds, long atNanos) {
        this.host = host;
        this.above = above;
        this.medianSeconds = medianSeconds;
        this.thresholdSeconds = thresholdSeconds;
        this.atNanos = atNanos;
    }

    /** A one-line message for the event, e.g. "clock of web1 is 3.20 s ahead (threshold 2.00 s)". */
    public String message() {
        String dir = medianSeconds >= 0 ? "ahead" : "behind";
        return above
                ? String.format(java.util.Locale.ROOT, "clock of %s is %.2f s %s (threshold %.2f s)", host,
                Math.abs(medianSeconds), dir, thresholdSeconds)
                : String.format(java.util.Locale.ROOT, "clock of %s is back within %.2f s (%.2f s %s)", host,
                thresholdSeconds, Math.abs(medianSeconds), dir);
    }

    @Override
    public String toString() {
        return message();
    }
}

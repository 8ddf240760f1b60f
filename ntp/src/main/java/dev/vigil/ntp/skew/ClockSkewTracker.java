package dev.vigil.ntp.skew;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-host sliding-window median of clock skew with threshold-crossing detection. Each host keeps
 * its last {@code windowSamples} observations no older than {@code windowNanos}; the median resists
 * the odd message with a stale or future timestamp (queued, replayed, badly parsed). A crossing is
 * reported once when |median| goes over the threshold, and once when it falls back under 90 % of it
 * (the hysteresis keeps a host hovering at the threshold from flapping). At most {@code maxHosts}
 * hosts are tracked; the one seen least recently is forgotten first. Thread-safe.
 */
public final class ClockSkewTracker {
    /** The default threshold: 2 s. */
    public static final double DEFAULT_THRESHOLD_SECONDS = 2.0;
    private static final double HYSTERESIS = 0.9;
    private final int windowSamples;
    private final long windowNanos;
    private final double threshold;
    private final Map<String, Window> hosts;

    /**
     * @param windowSamples observations per host in the median, at least 1
     * @param windowNanos oldest observation kept, by received time
     * @param thresholdSeconds |median| above which a host is reported
     * @param maxHosts bound on tracked hosts
     */
    public ClockSkewTracker(int windowSamples, long windowNanos, double thresholdSeconds, int maxHosts) {
        if (windowSamples < 1 || windowNanos <= 0 || !(thresholdSeconds > 0) || maxHosts < 1) {
            throw new IllegalArgumentException("skew tracker needs windowSamples >= 1, window > 0, threshold > 0,"
                    + " maxHosts >= 1; got " + windowSamples + ", " + windowNanos + " ns, " + thresholdSeconds
                    + " s, " + maxHosts);
        }
        this.windowSamples = windowSamples;
        this.windowNanos = windowNanos;
        this.threshold = thresholdSeconds;
        this.hosts = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxHosts;
            }
        };
    }

    /** Defaults: 64 samples, 10 minutes, 2 s, 100 000 hosts. */
    public static ClockSkewTracker withDefaults() {
        return new ClockSkewTracker(64, 600_000_000_000L, DEFAULT_THRESHOLD_SECONDS, 100_000);
    }

    /** A syslog message from {@code host}: its reported timestamp and when we received it (epoch nanos). */
    public Optional<SkewCrossing> recordMessage(String host, long reportedNanos, long receivedNanos) {
        return record(host, (reportedNanos - receivedNanos) * 1e-9, receivedNanos);
    }

    /** An agent's measured NTP offset against this server (seconds, server minus agent), at {@code atNanos}. */
    public Optional<SkewCrossing> recordNtpOffset(String host, double offsetSeconds, long atNanos) {
        return record(host, -offsetSeconds, atNanos); // skew = host clock minus true time
    }

    /** Adds one skew observation (seconds, positive = host ahead); returns a crossing if this one made it. */
    public synchronized Optional<SkewCrossing> record(String host, double skewSeconds, long atNanos) {
        if (!Double.isFinite(skewSeconds)) {
            return Optional.empty();
        }
        Window w = hosts.computeIfAbsent(host, h -> new Window(windowSamples));
        w.add(skewSeconds, atNanos, windowNanos);
        double median = w.median();
        if (!w.over && Math.abs(median) > threshold) {
            w.over = true;
            return Optional.of(new SkewCrossing(host, true, median, threshold, atNanos));
        }
        if (w.over && Math.abs(median) < threshold * HYSTERESIS) {
            w.over = false;
            return Optional.of(new SkewCrossing(host, false, median, threshold, atNanos));
        }
        return Optional.empty();
    }

    /** Every tracked host, most recently seen last. */
    public synchronized List<HostSkew> snapshot() {
        List<HostSkew> out = new ArrayList<>(hosts.size());
        for (Map.Entry<String, Window> e : hosts.entrySet()) {
            Window w = e.getValue();
            out.add(new HostSkew(e.getKey(), w.median(), w.size, w.lastSeen(), w.over));
        }
        return out;
    }

    /** One host, if tracked. */
    public synchronized Optional<HostSkew> host(String host) {
        Window w = hosts.get(host);
        return w == null ? Optional.empty() : Optional.of(new HostSkew(host, w.median(), w.size, w.lastSeen(), w.over));
    }

    /** Number of tracked hosts. */
    public synchronized int size() {
        return hosts.size();
    }

    /** A ring of (skew, time) pairs. */
    private static final class Window {
        final double[] skew;
        final long[] at;
        int start;
        int size;
        boolean over;

        Window(int n) {
            skew = new double[n];
            at = new long[n];
        }

        void add(double s, long t, long windowNanos) {
            while (size > 0 && t - at[start] > windowNanos) {
                start = (start + 1) % skew.length;
                size--;
            }
            int end = (start + size) % skew.length;
            skew[end] = s;
            at[end] = t;
            if (size < skew.length) {
                size++;
            } else {
                start = (start + 1) % skew.length;
            }
        }

        double median() {
            if (size == 0) {
                return 0;
            }
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                v[i] = skew[(start + i) % skew.length];
            }
            Arrays.sort(v);
            return size % 2 == 1 ? v[size / 2] : (v[size / 2 - 1] + v[size / 2]) / 2;
        }

        long lastSeen() {
            return size == 0 ? 0 : at[(start + size - 1) % skew.length];
        }
    }
}

package dev.vigil.agent.stats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's counters and gauges, in registration order, and the operator notices it printed. The tailers, the
 * queue and the shipper all report here; the agent logs a summary every minute and serves {@link #prometheus()}.
 */
public final class Stats {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vigil.agent");
    private static final int KEPT_NOTICES = 200;

    /** A monotonically increasing count. */
    public static final class Counter {
        private final AtomicLong value = new AtomicLong();

        public void inc() {
            value.incrementAndGet();
        }

        public void add(long n) {
            value.addAndGet(n);
        }

        public long get() {
            return value.get();
        }
    }

    private record Metric(String name, String help, boolean counter, LongSupplier value) {
    }

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final ArrayDeque<String> notices = new ArrayDeque<>();
    private final List<java.util.function.Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public final Counter linesRead = counter("lines_read", "lines read from files (before multi-line joining)");
    public final Counter bytesRead = counter("bytes_read", "bytes read from files and login records");
    public final Counter eventsQueued = counter("events_queued", "events appended to the queue");
    public final Counter eventsAcked = counter("events_acked", "events the server acknowledged");
    public final Counter linesTruncated = counter("lines_truncated", "over-long lines cut to max_line_bytes");
    public final Counter linesSplit = counter("lines_split", "over-long lines split into several events");
    public final Counter multilineDropped = counter("multiline_lines_dropped",
            "lines left out of a multi-line event beyond max_lines or max_bytes");
    public final Counter loginRecords = counter("login_records", "login and accounting records queued");
    public final Counter filesOpened = counter("files_opened", "files opened for reading");
    public final Counter filesShrunk = counter("files_shrunk", "files found shorter than the position read (truncated)");
    public final Counter filesRotated = counter("files_rotated", "files renamed or deleted while followed");
    public final Counter backpressureWaits = counter("backpressure_waits",
            "times reading paused because the queue was full");
    public final Counter diskFullWaits = counter("disk_full_waits",
            "times reading paused because the queue's disk was full");
    public final Counter queueSyncs = counter("queue_syncs", "fsyncs of queue segments");
    public final Counter errors = counter("errors", "read errors, unreadable files and queue write failures");

    /** Registers (or returns) a counter; the shipper adds its own this way. */
    public synchronized Counter counter(String name, String help) {
        Counter c = new Counter();
        metrics.put(name, new Metric(name, help, true, c::get));
        return c;
    }

    /** Registers a gauge read when the statistics are printed. */
    public synchronized void gauge(String name, String help, LongSupplier value) {
        metrics.put(name, new Metric(name, help, false, value));
    }

    /** Every counter and gauge by name, in registration order. */
    public synchronized Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Metric m : metrics.values()) {
            out.put(m.name, m.value.getAsLong());
        }
        return out;
    }

    /** The Prometheus text exposition format (names prefixed {@code vigil_agent_}, counters suffixed _total). */
    public synchronized String prometheus() {
        StringBuilder sb = new StringBuilder();
        for (Metric m : metrics.values()) {
            String name = "vigil_agent_" + m.name + (m.counter ? "_total" : "");
            sb.append("# HELP ").append(name).append(' ').append(m.help).append('\n');
            sb.append("# TYPE ").append(name).append(m.counter ? " counter\n" : " gauge\n");
            sb.append(name).append(' ').append(m.value.getAsLong()).append('\n');
        }
        return sb.toString();
    }

    /** One line with every value, for the log. */
    public String summaryLine() {
        StringBuilder sb = new StringBuilder("agent stats:");
        snapshot().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** An informational message for the operator. */
    public void notice(String message) {
        LOG.info(message);
        keep(message);
    }

    /** A problem the operator should know about (printed once per occurrence by the caller's own rules). */
    public void warn(String message) {
        LOG.warn(message);
        keep(message);
    }

    /** Also hands every notice and warning to {@code listener} (tests, a console). */
    public void listen(java.util.function.Consumer<String> listener) {
        listeners.add(listener);
    }

    private void keep(String message) {
        synchronized (this) {
            if (notices.size() == KEPT_NOTICES) {
                notices.removeFirst();
            }
            notices.addLast(message);
        }
        for (var l : listeners) {
            l.accept(message);
        }
    }

    /** The most recent notices and warnings, oldest first. */
    public synchronized List<String> notices() {
        return new ArrayList<>(notices);
    }
}

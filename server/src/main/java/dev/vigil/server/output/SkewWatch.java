package dev.vigil.server.output;

import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.core.syslog.TimeFormats;
import dev.vigil.ntp.skew.ClockSkewTracker;
import dev.vigil.ntp.skew.SkewCrossing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clock-skew watch per source host: the difference between the timestamp a host wrote into its messages
 * and when Vigil received them, at most one sample per host and second (the hot path stays cheap). A host
 * whose median passes the threshold produces an event of its own, {@code sourcetype=vigil:clock}, once per
 * crossing (and once when it comes back). That event goes to the index only: with {@code -f} the rsyslog
 * files stay exactly what rsyslogd would write.
 *
 * <p>Hosts with a Vigil agent are measured better than by their messages: the agent reports its NTP
 * offset against this node ({@link #recordNtpOffset}), and from then on that host's messages are no
 * longer sampled (their timestamps say when a line was read or queued, not how wrong the clock is).
 */
public final class SkewWatch implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SkewWatch.class);
    /** The agent listener's input name: agent events are measured by NTP, not by their timestamps. */
    private static final String INPUT_AGENT = dev.vigil.server.agent.AgentListener.INPUT_NAME;
    private final EventProcessor next;
    private final ClockSkewTracker tracker;
    private final Map<String, Long> lastSampleSecond = new HashMap<>();
    private final String localHost;
    private final java.util.Set<String> ntpHosts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Queue<Crossing> ntpCrossings = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile java.util.function.Consumer<Event> announcements = e -> { };

    public SkewWatch(EventProcessor next, ClockSkewTracker tracker, String localHost) {
        this.next = next;
        this.tracker = tracker;
        this.localHost = localHost;
    }

    /** Where the vigil:clock events go (the index); without one they are only logged. */
    public void announceTo(java.util.function.Consumer<Event> sink) {
        this.announcements = sink;
    }

    @Override
    public void process(Event e, String ruleset) {
        next.process(e, ruleset);
        SyslogTime t = e.reported();
        Instant rcvd = e.received();
        if (t == null || e.hostname().isEmpty() || INPUT_AGENT.equals(e.inputName()) || ntpHosts.contains(e.hostname())) {
            return;
        }
        long sec = rcvd.getEpochSecond();
        Long last = lastSampleSecond.get(e.hostname());
        if (last != null && last == sec) {
            return;
        }
        if (lastSampleSecond.size() > 100_000) {
            lastSampleSecond.clear();
        }
        lastSampleSecond.put(e.hostname(), sec);
        Instant reported = t.toInstant();
        if (reported.equals(rcvd)) {
            return; // the message had no timestamp of its own: the reception time stands in for it
        }
        long rcvdNanos = rcvd.getEpochSecond() * 1_000_000_000L + rcvd.getNano();
        long repNanos = reported.getEpochSecond() * 1_000_000_000L + reported.getNano();
        Optional<SkewCrossing> crossing = tracker.recordMessage(e.hostname(), repNanos, rcvdNanos);
        crossing.ifPresent(c -> announce(c, rcvd));
    }

    private record Crossing(SkewCrossing crossing, Instant at) {
    }

    /** An agent's measured offset (server minus agent, seconds) for {@code host}; any thread. */
    public void recordNtpOffset(String host, double offsetSeconds) {
        if (ntpHosts.size() < 100_000) {
            ntpHosts.add(host);
        }
        Instant now = Instant.now();
        // announced from the main queue's thread (flush), where the index output may be called
        tracker.recordNtpOffset(host, offsetSeconds, now.getEpochSecond() * 1_000_000_000L + now.getNano())
                .ifPresent(c -> ntpCrossings.add(new Crossing(c, now)));
    }

    /** True when {@code host}'s skew comes from an agent's NTP measurements. */
    public boolean measuredByNtp(String host) {
        return ntpHosts.contains(host);
    }

    private void announce(SkewCrossing c, Instant now) {
        LOG.warn("{}", c.message());
        String text = "<" + (c.above ? 12 : 13) + ">" + TimeFormats.rfc3339(
                SyslogTime.ofInstant(now, ZoneId.systemDefault().getRules().getOffset(now))) + " " + localHost
                + " vigil-clock: " + c.message();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        Event clock = Event.builder().received(now).reported(SyslogTime.ofInstant(now,
                        ZoneId.systemDefault().getRules().getOffset(now))).hostname(c.host).fromHost(localHost)
                .fromHostIp("127.0.0.1").pri(c.above ? 12 : 13).syslogTag("vigil-clock:").programName("vigil-clock")
                .appName("vigil-clock").msg(" " + c.message()).raw(raw).rawAfterPri(text.indexOf('>') + 1)
                .inputName("vigil").sourcetype("vigil:clock").source("vigil:skew")
                .field("skew_seconds", c.medianSeconds).field("threshold_seconds", c.thresholdSeconds)
                .field("state", c.above ? "over" : "back").build();
        announcements.accept(clock);
    }

    public ClockSkewTracker tracker() {
        return tracker;
    }

    @Override
    public void flush() {
        for (Crossing c; (c = ntpCrossings.poll()) != null; ) {
            announce(c.crossing(), c.at());
        }
        next.flush();
    }

    @Override
    public void close() {
        next.close();
    }
}

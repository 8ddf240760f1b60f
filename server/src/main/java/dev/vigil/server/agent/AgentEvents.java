package dev.vigil.server.agent;

import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.index.extract.Sourcetypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * An agent's event as the node's pipeline sees it (docs/agent.md, "What the server stores"): the body
 * as {@code _raw} and {@code msg}; host, source, sourcetype and index as the agent gave them (the
 * sourcetype detected from the line when absent); {@code _time} the host's time corrected by the
 * agent's measured clock offset; and the fields {@code host_time}, {@code clock_offset},
 * {@code agent_id}, {@code agent_seq}, {@code agent_seq_block}. For rsyslog rules and the default
 * files it looks like an imfile message: facility local0, severity notice, the program name taken from
 * the file's name.
 */
final class AgentEvents {
    /** The input name (rsyslog's {@code $inputname}) of agent events. */
    static final String INPUT_NAME = "vigil-agent";
    static final String AGENT_ID = "agent_id";
    static final String AGENT_SEQ = "agent_seq";
    static final String AGENT_SEQ_BLOCK = "agent_seq_block";
    static final String HOST_TIME = "host_time";
    static final String CLOCK_OFFSET = "clock_offset";
    /** local0.notice, rsyslog imfile's default facility and severity. */
    static final int PRI = (16 << 3) | 5;

    private static final ZoneRules ZONE = ZoneId.systemDefault().getRules();

    private AgentEvents() {
    }

    /**
     * @param agentId the sending agent
     * @param agentHost its host name (from its hello), the default host and {@code fromhost}
     * @param peerIp its address
     * @param received when the batch arrived
     * @param offsetNanos server minus agent clock, or null when never measured
     */
    static Event toEvent(AgentEvent a, String agentId, String agentHost, String peerIp, Instant received,
            Long offsetNanos) {
        Instant hostTime = Instant.ofEpochMilli(a.hostTimeMillis());
        Instant time = offsetNanos == null ? hostTime : hostTime.plusNanos(offsetNanos);
        String host = a.host() == null || a.host().isEmpty() ? agentHost : a.host();
        String tag = tag(a.source());
        String sourcetype = a.sourcetype();
        if (sourcetype == null || sourcetype.isEmpty()) {
            sourcetype = Sourcetypes.detect(new String(a.body(), StandardCharsets.UTF_8), a.source());
        }
        Event.Builder b = Event.builder().received(received).reported(SyslogTime.ofInstant(time, offset(time)))
                .hostname(host).fromHost(agentHost).fromHostIp(peerIp).pri(PRI).syslogTag(tag + ":")
                .programName(tag).raw(a.body()).rawAfterPri(0).msgFromRaw(0).inputName(INPUT_NAME)
                .source(a.source()).sourcetype(sourcetype).index(a.index() == null || a.index().isEmpty() ? null
                        : a.index())
                .field(HOST_TIME, epochSeconds(a.hostTimeMillis()));
        if (offsetNanos != null) {
            b.field(CLOCK_OFFSET, String.format(java.util.Locale.ROOT, "%.6f", offsetNanos / 1e9));
        }
        return b.field(AGENT_ID, agentId).field(AGENT_SEQ, a.seq())
                .field(AGENT_SEQ_BLOCK, a.seq() >>> IndexSeqLookup.BLOCK_SHIFT).build();
    }

    private static ZoneOffset offset(Instant t) {
        return ZONE.isFixedOffset() ? ZONE.getOffset(Instant.EPOCH) : ZONE.getOffset(t);
    }

    /** Epoch seconds with milliseconds, as Splunk writes {@code _time}: {@code 1764187165.123}. */
    static String epochSeconds(long millis) {
        long s = Math.floorDiv(millis, 1000);
        int ms = (int) Math.floorMod(millis, 1000);
        StringBuilder sb = new StringBuilder(16).append(s).append('.');
        if (ms < 100) {
            sb.append('0');
        }
        if (ms < 10) {
            sb.append('0');
        }
        return sb.append(ms).toString();
    }

    /**
     * The program name of a file's events: the file name without directory and extension
     * ({@code /var/log/secure} → {@code secure}, {@code /opt/zeek/logs/current/conn.log} → {@code conn}),
     * {@code vigil-agent} when there is none. At most 32 characters, as rsyslog's programname.
     */
    static String tag(String source) {
        if (source == null || source.isEmpty()) {
            return INPUT_NAME;
        }
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        String name = source.substring(slash + 1);
        int dot = name.indexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 32));
        for (int i = 0; i < name.length() && sb.length() < 32; i++) {
            char c = name.charAt(i);
            sb.append(c > ' ' && c != ':' && c != '[' && c != ']' && c != 0x7f ? c : '_');
        }
        return sb.length() == 0 ? INPUT_NAME : sb.toString();
    }
}

package dev.vigil.server;

import dev.vigil.collector.input.HostResolver;
import dev.vigil.collector.input.InputStats;
import dev.vigil.collector.input.ListenerConfig;
import dev.vigil.collector.input.SyslogInputs;
import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.collector.pipeline.MainQueue;
import dev.vigil.core.syslog.ParserOptions;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.ntp.NtpConfig;
import dev.vigil.ntp.NtpService;
import dev.vigil.server.http.HttpApi;
import dev.vigil.server.http.Metrics;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.search.client.DataDirSearch;
import dev.vigil.search.exec.SearchLimits;
import dev.vigil.search.exec.Searcher;
import dev.vigil.search.store.IndexSearchSource;
import dev.vigil.server.agent.AgentLedger;
import dev.vigil.server.agent.AgentListener;
import dev.vigil.server.agent.AgentMetrics;
import dev.vigil.server.agent.AgentStats;
import dev.vigil.server.api.search.SearchApi;
import dev.vigil.server.hec.HecConfig;
import dev.vigil.server.hec.HecHandler;
import dev.vigil.server.hec.HecSink;
import dev.vigil.server.hec.HecToken;
import dev.vigil.server.output.DefaultOutput;
import dev.vigil.server.output.IndexOutput;
import dev.vigil.server.output.SkewWatch;
import dev.vigil.ntp.skew.ClockSkewTracker;
import dev.vigil.ntp.skew.HostSkew;
import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node. {@link #start()} brings up, in order: the output side (rules or default files), the main
 * queue, the HTTP API, the syslog listeners; {@link #close()} stops them in reverse, processing and
 * flushing everything already received.
 */
public final class VigilServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);

    private final ServerSettings settings;
    private final Metrics metrics = new Metrics();
    private final List<Runnable> closers = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private SyslogInputs inputs;
    private MainQueue queue;
    private HttpApi http;
    private EventProcessor processor;
    private NtpService ntp;
    private LuceneEventStore store;
    private SkewWatch skew;
    private SearchApi searchApi;
    private AgentLedger agentLedger;
    private AgentListener agentListener;
    private final AgentStats agentStats = new AgentStats();
    private AutoCloseable retentionJob;
    private volatile boolean closed;
    private volatile boolean started;

    public VigilServer(ServerSettings settings) {
        this.settings = settings;
    }

    /** Starts everything; on failure, stops what was started and rethrows. */
    public void start() throws IOException {
        try {
            doStart();
            started = true;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void doStart() throws IOException {
        Files.createDirectories(settings.data);
        ParserOptions popts = ParserOptions.DEFAULTS.withMaxMessageSize(settings.maxMessageSize);
        List<ListenerConfig> listeners = new ArrayList<>();
        if (settings.rules != null) {
            RulesOutput rules = RulesOutput.load(settings, listeners);
            processor = rules;
            popts = ParserOptions.DEFAULTS.withMaxMessageSize(rules.maxMessageSize(settings.maxMessageSize));
        } else {
            processor = new DefaultOutput(settings.data.resolve("logs"));
            listeners.add(ListenerConfig.udp(settings.syslogAddress, settings.syslogPort));
            listeners.add(ListenerConfig.tcp(settings.syslogAddress, settings.syslogPort));
        }
        if (settings.tlsCert != null) {
            listeners.add(ListenerConfig.tls(settings.syslogAddress, settings.tlsPort, new ListenerConfig.TlsSettings(
                    settings.tlsCert, settings.tlsKey, settings.tlsCa, settings.tlsRequireClientCert)));
        }
        skew = new SkewWatch(processor, new ClockSkewTracker(64, 600_000_000_000L, settings.skewThresholdSeconds,
                100_000), localHostName());
        processor = skew;
        if (settings.index) {
            store = new LuceneEventStore(StoreOptions.defaults(settings.data));
            IndexOutput idx = new IndexOutput(processor, store);
            skew.announceTo(idx::indexOnly);
            processor = idx;
            metrics.counter("vigil_index_events", "events indexed", idx, x -> (double) x.indexed());
            metrics.counter("vigil_index_failures", "events that could not be indexed", idx, x -> (double) x.failed());
            startRetention();
        }
        if (settings.agentPort >= 0) {
            agentLedger = new AgentLedger(settings.data.resolve("agents"), store, agentStats);
            if (processor instanceof IndexOutput idx) {
                idx.listener(agentLedger);
            } else {
                processor = agentLedger.acking(processor);
            }
        }
        queue = new MainQueue(settings.queueSize, processor);
        metrics.queue(queue);
        SyslogParser parser = new SyslogParser(popts, ZoneId.systemDefault());
        inputs = new SyslogInputs(parser, queue, new HostResolver(settings.dns, 10_000));
        if (settings.httpPort >= 0) {
            http = new HttpApi(metrics, this::health);
            metrics.extra(this::skewMetrics);
            http.mount(app -> app.get("/api/sources", ctx -> ctx.json(sources())));
            if (store != null) {
                mountIndexApis(http);
            }
            ports.put("http", http.start(settings.httpAddress, settings.httpPort));
        }
        for (ListenerConfig l : listeners) {
            InputStats st = inputs.start(l);
            int port = inputs.port(st);
            metrics.input(st, port);
            ports.putIfAbsent(st.protocol, port);
        }
        if (agentLedger != null) {
            startAgentListener();
        }
        if (settings.ntpEnabled) {
            startNtp();
        }
    }

    /** The agent listener: TLS from vigil.yml's {@code agent.tls}, or plain TCP when explicitly allowed. */
    private void startAgentListener() throws IOException {
        ListenerConfig.TlsSettings tls = null;
        if (settings.agentTlsCert != null) {
            tls = new ListenerConfig.TlsSettings(settings.agentTlsCert, settings.agentTlsKey, settings.agentTlsCa,
                    settings.agentRequireClientCert);
        } else if (!settings.agentPlain) {
            throw new IOException("the agent listener needs TLS (agent: {tls: {cert: FILE, key: FILE}} in vigil.yml) or, "
                    + "for tests and labs only, plain TCP (--agent-plain or agent: {plain: true})");
        }
        agentListener = new AgentListener(new AgentListener.Config(settings.agentAddress, settings.agentPort, tls,
                settings.agentMaxFrameBytes), agentLedger, queue, agentStats, skew::recordNtpOffset);
        ports.put("agent", agentListener.start());
        AgentMetrics.register(metrics, agentStats);
    }

    /** Index retention from vigil.yml: at start, then every {@code index.retention.every}. */
    private void startRetention() {
        if (!settings.retention.any()) {
            return;
        }
        dev.vigil.index.retention.Retention r = settings.retention.policies();
        LOG.info("index retention: {}", settings.retention);
        AutoCloseable job = r.schedule(store, settings.retention.every);
        retentionJob = job;
        metrics.counter("vigil_retention_deleted_partitions", "index partitions deleted by retention", r,
                x -> (double) x.deletedPartitions());
    }

    /** The time service; a port already taken (chronyd, ntpd) is one warning line, not a failed start. */
    private void startNtp() {
        NtpConfig c = new NtpConfig();
        c.setPort(settings.ntpPort);
        c.setServers(settings.ntpServers);
        c.setPools(settings.ntpPools);
        if (settings.ntpLocalStratum != null) {
            c.setLocalStratum(settings.ntpLocalStratum);
        }
        try {
            ntp = NtpService.start(c);
            ports.put("ntp", ntp.port());
            LOG.info("serving NTP on udp *:{} ({})", ntp.port(), describeNtp());
            metrics.counter("vigil_ntp_requests", "NTP requests answered", ntp, n -> (double) n.stats().replied());
        } catch (IOException | RuntimeException e) {
            LOG.warn("NTP not served: cannot use udp port {} ({}); is chronyd or ntpd running? choose another port "
                    + "with --ntp-port N", settings.ntpPort, e.getMessage());
        }
    }

    private String describeNtp() {
        if (!settings.ntpServers.isEmpty() || !settings.ntpPools.isEmpty()) {
            return "synchronising to " + settings.ntpServers + " " + settings.ntpPools;
        }
        return settings.ntpLocalStratum != null ? "local clock at stratum " + settings.ntpLocalStratum
                : "no time source configured: answering unsynchronised (LI=3) so clients ignore it";
    }

    /** Splunk's HEC (when tokens are configured) and the search API over the node's index. */
    private void mountIndexApis(HttpApi api) {
        if (!settings.hecTokens.isEmpty()) {
            List<HecToken> tokens = new ArrayList<>();
            for (ServerSettings.HecTokenSetting t : settings.hecTokens) {
                tokens.add(new HecToken(t.name(), t.token(), t.index(), List.of(), t.sourcetype(), null, null, t.ack(),
                        false));
            }
            api.mount(new HecHandler(new HecConfig(tokens, HecConfig.DEFAULT_MAX_CONTENT_BYTES, 100_000, false),
                    HecSink.of(store)));
        }
        ZoneId zone = DataDirSearch.zoneFromEnv();
        searchApi = new SearchApi(new Searcher(new IndexSearchSource(store), settings.data.resolve("lookups"), zone,
                SearchLimits.defaults()), zone, 4);
        api.mount(searchApi::mount);
    }

    private static String localHostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0];
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * GET /api/sources: every source host's clock skew (seconds, positive = the host's clock is ahead):
     * the median of reported − received for syslog senders, of the agent's NTP measurements for agents.
     */
    private List<Map<String, Object>> sources() {
        Map<String, AgentLedger.AgentView> agents = new LinkedHashMap<>();
        if (agentLedger != null) {
            for (AgentLedger.AgentView v : agentLedger.view()) {
                if (v.host() != null && v.offsetSeconds() != null) {
                    agents.merge(v.host(), v, (a, b) -> a.reportedAtMillis() >= b.reportedAtMillis() ? a : b);
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (HostSkew h : skew.tracker().snapshot()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.host);
            m.put("skew_seconds", h.medianSeconds);
            m.put("samples", h.samples);
            m.put("over_threshold", h.overThreshold);
            m.put("threshold_seconds", settings.skewThresholdSeconds);
            boolean ntp = skew.measuredByNtp(h.host);
            m.put("measured_by", ntp ? "ntp" : "messages");
            AgentLedger.AgentView a = agents.get(h.host);
            if (ntp && a != null) {
                m.put("agent_id", a.agentId());
                m.put("ntp_offset_seconds", a.offsetSeconds());
                m.put("ntp_delay_seconds", a.delaySeconds());
                m.put("ntp_measured_at", java.time.Instant.ofEpochMilli(a.reportedAtMillis()).toString());
            }
            out.add(m);
        }
        return out;
    }

    /** Prometheus lines for the per-host skew (bounded by the tracker's host limit). */
    private String skewMetrics() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP vigil_clock_skew_seconds median of reported minus received time per source host\n");
        sb.append("# TYPE vigil_clock_skew_seconds gauge\n");
        for (HostSkew h : skew.tracker().snapshot()) {
            sb.append("vigil_clock_skew_seconds{host=\"").append(h.host.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append("\"} ").append(h.medianSeconds).append('\n');
        }
        return sb.toString();
    }

    private Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("ports", ports);
        h.put("queue", queue == null ? 0 : queue.size());
        h.put("processed", queue == null ? 0 : queue.processed());
        return h;
    }

    /** The agent ledger, or null without an agent listener. */
    public AgentLedger agentLedger() {
        return agentLedger;
    }

    /** The agent listener's counters. */
    public AgentStats agentStats() {
        return agentStats;
    }

    /** The bound port of "udp", "tcp", "tls", "http", "ntp" or "agent". */
    public int port(String what) {
        Integer p = ports.get(what);
        if (p == null) {
            throw new IllegalArgumentException("no " + what + " listener");
        }
        return p;
    }

    public Metrics metrics() {
        return metrics;
    }

    public MainQueue queue() {
        return queue;
    }

    public List<InputStats> inputStats() {
        return inputs == null ? List.of() : inputs.stats();
    }

    /** Registers something to close at shutdown, before the queue is drained. */
    public void onClose(Runnable r) {
        closers.add(r);
    }

    /**
     * Waits until every event the inputs parsed has been processed and written, and nothing new has
     * arrived for 200 ms (a connection paused by back-pressure may still hold unread data).
     */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long parsed = 0;
            for (InputStats st : inputStats()) {
                parsed += st.parsed.sum() - st.dropped.sum();
            }
            if (!queue.awaitDrained(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            if (parsed == queue.processed() && parsed == last) {
                return true;
            }
            last = parsed;
            Thread.sleep(200);
        }
        return false;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ntp != null) {
            ntp.close();
        }
        if (agentListener != null) {
            agentListener.close();
        }
        if (inputs != null) {
            inputs.close();
        }
        for (Runnable r : closers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("shutdown step failed: {}", e.toString());
            }
        }
        if (queue != null) {
            try {
                queue.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (processor != null) {
            processor.close();
        }
        if (agentLedger != null) {
            agentLedger.finish();
            agentLedger.close();
        }
        if (http != null) {
            http.close();
        }
        if (searchApi != null) {
            searchApi.close();
        }
        if (retentionJob != null) {
            try {
                retentionJob.close();
            } catch (Exception e) {
                LOG.warn("stopping retention failed: {}", e.toString());
            }
        }
        if (store != null) {
            try {
                store.close();
            } catch (IOException e) {
                LOG.error("closing the index failed: {}", e.getMessage());
            }
        }
        if (started) {
            LOG.info("stopped; {} events processed", queue == null ? 0 : queue.processed());
        }
    }
}

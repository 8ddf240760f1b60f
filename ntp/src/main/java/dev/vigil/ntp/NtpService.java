package dev.vigil.ntp;

import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.server.NtpResponder;
import dev.vigil.ntp.server.NtpServer;
import dev.vigil.ntp.server.NtpServerStats;
import dev.vigil.ntp.server.RateLimiter;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.PrecisionMeter;
import dev.vigil.ntp.source.ServedTime;
import dev.vigil.ntp.source.TimeSource;
import dev.vigil.ntp.source.WallClock;
import dev.vigil.ntp.sync.PeerStatus;
import dev.vigil.ntp.sync.Synchronizer;
import dev.vigil.ntp.sync.UpstreamSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The running time service: upstream synchronization (when servers or pools are configured), the
 * local-stratum or unsynchronized fallback, and the UDP server answering clients. It only reads
 * the system clock; it never sets it, so it runs beside chronyd or systemd-timesyncd.
 */
public final class NtpService implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NtpService.class);
    private final NtpServer server;
    private final Synchronizer sync;
    private final TimeSource source;
    private final WallClock clock;
    private final int precision;

    private NtpService(NtpServer server, Synchronizer sync, TimeSource source, WallClock clock, int precision) {
        this.server = server;
        this.sync = sync;
        this.source = source;
        this.clock = clock;
        this.precision = precision;
    }

    /** Starts per {@code config}; throws when the port cannot be bound or a name does not resolve. */
    public static NtpService start(NtpConfig config) throws IOException {
        return start(config, WallClock.SYSTEM);
    }

    /** As {@link #start(NtpConfig)}, reading time from {@code clock}. */
    public static NtpService start(NtpConfig config, WallClock clock) throws IOException {
        config.validate();
        int precision = PrecisionMeter.measure(clock);
        TimeSource fallback = config.getLocalStratum() > 0
                ? new LocalClockSource(config.getLocalStratum(), clock) : TimeSource.unsynchronized();
        List<UpstreamSource> upstreams = new ArrayList<>();
        for (String s : config.getServers()) {
            try {
                upstreams.add(UpstreamSource.server(s));
            } catch (UnknownHostException e) { // like chronyd: a name that does not resolve is skipped, not fatal
                LOG.warn("ntp: server {} does not resolve; skipped", s);
            }
        }
        for (String p : config.getPools()) {
            try {
                upstreams.addAll(UpstreamSource.pool(p, config.getMaxSourcesPerPool()));
            } catch (UnknownHostException e) {
                LOG.warn("ntp: pool {} does not resolve; skipped", p);
            }
        }
        Synchronizer sync = null;
        TimeSource source = fallback;
        if (!upstreams.isEmpty()) {
            sync = Synchronizer.start(upstreams, new NtpClient(clock, config.getQueryTimeoutMillis()), clock, fallback,
                    precision, config.getMinPoll(), config.getMaxPoll(), config.isIburst());
            source = sync;
        }
        RateLimiter limiter = config.isRateLimit()
                ? new RateLimiter((long) (config.getRateLimitIntervalSeconds() * 1e9), config.getRateLimitBurst(),
                config.isRateLimitKod(), config.getRateLimitMaxClients())
                : null;
        NtpResponder responder = new NtpResponder(source, clock, limiter, precision, NtpResponder.DEFAULT_MAX_LENGTH);
        List<InetAddress> binds = new ArrayList<>();
        for (String a : config.getBindAddresses()) {
            binds.add(InetAddress.getByName(a));
        }
        try {
            NtpServer server = NtpServer.start(binds, config.getPort(), config.getThreads(), responder, clock);
            LOG.info("ntp: serving UDP port {} through the {}", server.port(), server.isNative()
                    ? "native fast path" : "Netty path (native fast path: " + NtpServer.nativeStatus()
                    + (limiter != null ? "; not used with a rate limit" : "") + ")");
            return new NtpService(server, sync, source, clock, precision);
        } catch (IOException | RuntimeException e) {
            if (sync != null) {
                sync.close();
            }
            throw e;
        }
    }

    /** True when the server answers through the native fast path (see docs/ntp.md). */
    public boolean isNativePath() {
        return server.isNative();
    }

    /** The UDP port served. */
    public int port() {
        return server.port();
    }

    /** What is served right now. */
    public ServedTime servedTime() {
        return source.current();
    }

    /** Served time minus system time, seconds: the selected upstream offset (0 on the local clock). */
    public double currentOffset() {
        return source.current().offsetNanos * 1e-9;
    }

    /** True when replies carry a synchronized leap indicator (upstream or local stratum). */
    public boolean synchronizedClock() {
        return source.current().synchronizedClock();
    }

    /** True while upstream time (not the fallback) is served. */
    public boolean synchronizedToUpstream() {
        return sync != null && sync.synchronizedToUpstream();
    }

    /** Upstream sources, empty without servers or pools. */
    public List<PeerStatus> peers() {
        return sync == null ? List.of() : sync.peers();
    }

    /** The precision advertised (log2 seconds). */
    public int precision() {
        return precision;
    }

    /** Server counters. */
    public NtpServerStats stats() {
        return server.stats();
    }

    /** Current served time, Unix epoch nanoseconds. */
    public long now() {
        return clock.epochNanos() + source.current().offsetNanos;
    }

    @Override
    public void close() {
        server.close();
        if (sync != null) {
            sync.close();
        }
    }
}

package dev.vigil.sensor;

import dev.vigil.sensor.analyzer.AnalyzerSet;
import dev.vigil.sensor.capture.CaptureFormatException;
import dev.vigil.sensor.capture.CaptureReader;
import dev.vigil.sensor.capture.LiveCapture;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.ConnConfig;
import dev.vigil.sensor.conn.ConnListener;
import dev.vigil.sensor.conn.ConnTable;
import dev.vigil.sensor.conn.UidGenerator;
import dev.vigil.sensor.decode.DecodeListener;
import dev.vigil.sensor.decode.Packet;
import dev.vigil.sensor.decode.PacketDecoder;
import dev.vigil.sensor.decode.Tunnel;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one capture through decoding, the connection table and the analyzers, writing Zeek logs.
 * A corrupt capture stops reading at the bad record; everything before it is still logged.
 */
public final class Sensor implements DecodeListener, ConnListener {
    /** What a run did. {@code error} is null when the whole file was read. */
    public record Result(long packets, long bytes, CaptureFormatException error) {
    }

    private final SensorOptions opt;
    private final ConnTable table;
    private final PacketDecoder decoder;
    private final ZeekLogWriter logs;
    private final LocalNetworks local;
    private final AnalyzerSet analyzers;
    private final boolean connLog;
    private record TunnelKey(long aHi, long aLo, long bHi, long bLo, String type, Tunnel parent) {
    }

    private final Map<TunnelKey, Tunnel> tunnels = new HashMap<>();
    private final WeirdLog weirds;

    public Sensor(SensorOptions opt) throws IOException {
        this.opt = opt;
        UidGenerator uids = opt.seedFile != null ? UidGenerator.fromSeedFile(opt.seedFile) : UidGenerator.random();
        ConnConfig cfg = new ConnConfig();
        cfg.ignoreChecksums = opt.ignoreChecksums;
        cfg.maxConnections = opt.maxConnections;
        cfg.eagerUids = Protocols.loaded(opt.only, "conn");
        cfg.weirdEvents = Protocols.loaded(opt.only, "weird");
        addServerPorts(cfg, opt.only);
        this.local = opt.networks != null ? LocalNetworks.load(opt.networks) : LocalNetworks.defaults();
        this.logs = new ZeekLogWriter(opt.outputDir, opt.json);
        this.logs.tap(opt.tap);
        this.table = new ConnTable(cfg, uids, this);
        this.decoder = new PacketDecoder(this, opt.ignoreChecksums, 4096);
        this.analyzers = new AnalyzerSet(opt.only, logs, local);
        this.analyzers.ftpLoggedCommands(opt.ftpLoggedCommands);
        this.connLog = Protocols.loaded(opt.only, "conn");
        this.weirds = Protocols.loaded(opt.only, "weird") ? new WeirdLog(logs) : null;
    }

    private static void addServerPorts(ConnConfig cfg, Set<String> only) {
        for (Map.Entry<String, List<Integer>> e : Protocols.TCP_PORTS.entrySet()) {
            if (Protocols.loaded(only, e.getKey())) {
                e.getValue().forEach(p -> cfg.likelyServerPorts.add(p | 6 << 16));
            }
        }
        for (Map.Entry<String, List<Integer>> e : Protocols.UDP_PORTS.entrySet()) {
            if (Protocols.loaded(only, e.getKey())) {
                e.getValue().forEach(p -> cfg.likelyServerPorts.add(p | 17 << 16));
            }
        }
    }

    /** Reads the whole capture and writes the logs. */
    public Result run() throws IOException {
        long packets = 0;
        CaptureFormatException error = null;
        CountingSink counter = new CountingSink(decoder);
        try (CaptureReader r = CaptureReader.open(opt.input, opt.maxPacket)) {
            while (r.next(counter)) {
                packets++;
            }
        } catch (CaptureFormatException e) {
            error = e;
        } finally {
            finish(false);
        }
        return new Result(packets, counter.bytes, error);
    }

    /**
     * Captures from {@code capture} until {@code stop} is set, then finishes every connection and
     * closes the logs. Network time follows the packets, and the wall clock while the link is idle
     * (as Zeek's live mode), so connections time out even without traffic. Logs are handed to the
     * operating system every second and rotated every {@link SensorOptions#rotateSeconds}.
     */
    public Result runLive(LiveCapture capture, AtomicBoolean stop) throws IOException {
        long packets = 0;
        CountingSink counter = new CountingSink(decoder);
        long lastFlush = System.currentTimeMillis();
        long nextRotation = nextRotation(lastFlush, opt.rotateSeconds);
        double networkTime = 0;
        try {
            while (!stop.get()) {
                boolean got = capture.next(counter);
                long wall = System.currentTimeMillis();
                if (got) {
                    packets++;
                    networkTime = Math.max(networkTime, counter.lastTime);
                } else {
                    networkTime = Math.max(networkTime, wall / 1000.0);
                    table.advance(networkTime);
                }
                if (wall >= nextRotation) {
                    logs.rotate();
                    nextRotation = nextRotation(wall, opt.rotateSeconds);
                } else if (wall - lastFlush >= 1000) {
                    logs.flush();
                    lastFlush = wall;
                }
            }
        } finally {
            finish(opt.rotateSeconds > 0);
        }
        return new Result(packets, counter.bytes, null);
    }

    /**
     * The next rotation time after {@code now} (epoch milliseconds): multiples of the interval
     * counted from local midnight, as Zeek aligns its rotation; Long.MAX_VALUE without rotation.
     */
    static long nextRotation(long now, long intervalSeconds) {
        if (intervalSeconds <= 0) {
            return Long.MAX_VALUE;
        }
        java.time.ZonedDateTime t = java.time.Instant.ofEpochMilli(now).atZone(java.time.ZoneId.systemDefault());
        long midnight = t.toLocalDate().atStartOfDay(t.getZone()).toInstant().toEpochMilli();
        long step = intervalSeconds * 1000;
        return midnight + ((now - midnight) / step + 1) * step;
    }

    /** End of input: every connection is logged, the analyzers flush, the logs are closed (and rotated). */
    private void finish(boolean rotate) throws IOException {
        try {
            table.flushAll();
            analyzers.finish();
        } finally {
            if (rotate) {
                logs.rotate();
            }
            logs.close();
        }
    }

    @Override
    public void ip(Packet p) {
        table.packet(p);
    }

    @Override
    public Tunnel tunnel(Packet outer, String type) {
        // Zeek keys IP tunnels by the unordered pair of outer addresses.
        boolean srcFirst = Long.compareUnsigned(outer.srcHi, outer.dstHi) < 0
                || (outer.srcHi == outer.dstHi && Long.compareUnsigned(outer.srcLo, outer.dstLo) <= 0);
        TunnelKey key = srcFirst
                ? new TunnelKey(outer.srcHi, outer.srcLo, outer.dstHi, outer.dstLo, type, outer.tunnel)
                : new TunnelKey(outer.dstHi, outer.dstLo, outer.srcHi, outer.srcLo, type, outer.tunnel);
        Tunnel t = tunnels.get(key);
        if (t == null) {
            t = new Tunnel(table.nextUid(), outer.tunnel, type);
            tunnels.put(key, t);
        }
        return t;
    }

    @Override
    public void weird(String name, double ts) {
        if (weirds != null) {
            weirds.write(null, name, ts);
        }
    }

    @Override
    public void created(Conn c) {
        analyzers.attach(c);
    }

    @Override
    public void removed(Conn c) {
        if (connLog) {
            logs.write(ConnLog.SCHEMA, ConnLog.row(c, local));
        }
    }

    @Override
    public void weird(Conn c, String name, double ts) {
        if (weirds != null) {
            weirds.write(c, name, ts);
        }
    }

    /** Counts captured bytes on the way to the decoder (for the benchmark's Mbit/s). */
    private static final class CountingSink implements dev.vigil.sensor.capture.PacketSink {
        private final PacketDecoder next;
        long bytes;
        double lastTime;

        CountingSink(PacketDecoder next) {
            this.next = next;
        }

        @Override
        public void packet(int linkType, long sec, int micros, byte[] d, int off, int capLen, int wireLen) {
            bytes += capLen;
            lastTime = sec + micros / 1e6;
            next.packet(linkType, sec, micros, d, off, capLen, wireLen);
        }
    }

    Path outputDir() {
        return opt.outputDir;
    }
}

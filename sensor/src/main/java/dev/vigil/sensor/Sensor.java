package dev.vigil.sensor;

import dev.vigil.sensor.analyzer.AnalyzerSet;
import dev.vigil.sensor.capture.CaptureFormatException;
import dev.vigil.sensor.capture.CaptureReader;
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
        long bytes = 0;
        CaptureFormatException error = null;
        CountingSink counter = new CountingSink(decoder);
        try (CaptureReader r = CaptureReader.open(opt.input, opt.maxPacket)) {
            while (r.next(counter)) {
                packets++;
            }
        } catch (CaptureFormatException e) {
            error = e;
        } finally {
            table.flushAll();
            analyzers.finish();
            logs.close();
        }
        bytes = counter.bytes;
        return new Result(packets, bytes, error);
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

        CountingSink(PacketDecoder next) {
            this.next = next;
        }

        @Override
        public void packet(int linkType, long sec, int micros, byte[] d, int off, int capLen, int wireLen) {
            bytes += capLen;
            next.packet(linkType, sec, micros, d, off, capLen, wireLen);
        }
    }

    Path outputDir() {
        return opt.outputDir;
    }
}

package dev.vigil.sensor;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.LogSchema;

import java.util.List;

/** conn.log rows (base/protocols/conn/main.zeek Conn::Info) built from a removed connection. */
final class ConnLog {
    static final LogSchema SCHEMA = LogSchema.of("conn",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "proto", "enum", "service", "string", "duration", "interval",
            "orig_bytes", "count", "resp_bytes", "count", "conn_state", "string", "local_orig", "bool",
            "local_resp", "bool", "missed_bytes", "count", "history", "string", "orig_pkts", "count",
            "orig_ip_bytes", "count", "resp_pkts", "count", "resp_ip_bytes", "count",
            "tunnel_parents", "set[string]", "ip_proto", "count");

    private ConnLog() {
    }

    static Object[] row(Conn c, LocalNetworks local) {
        double dur = c.duration();
        boolean hasDur = dur > 0;
        String proto = switch (c.ipProto) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1, 58 -> "icmp";
            default -> "unknown_transport";
        };
        String hist = c.history();
        return new Object[] {
            c.startTime, c.uid(), Addresses.format(c.origHi, c.origLo), c.origPort,
            Addresses.format(c.respHi, c.respLo), c.respPort, proto,
            c.services().isEmpty() ? null : String.join(",", c.services()),
            hasDur ? dur : null, hasDur ? c.origBytes() : null, hasDur ? c.respBytes() : null,
            c.connState(),
            local.isEmpty() ? null : local.contains(c.origHi, c.origLo),
            local.isEmpty() ? null : local.contains(c.respHi, c.respLo),
            c.missedBytes, hist.isEmpty() ? null : hist,
            c.origPkts, c.origIpBytes, c.respPkts, c.respIpBytes,
            c.tunnel == null ? null : List.of(c.tunnel.uid),
            c.ipProto,
        };
    }
}

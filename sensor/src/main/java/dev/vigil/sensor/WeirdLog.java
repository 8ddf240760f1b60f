package dev.vigil.sensor;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.util.HashSet;
import java.util.Set;

/**
 * weird.log (base/frameworks/notice/weird.zeek). Like Zeek's default action for most weirds,
 * each name is logged once per connection (and once overall for weirds without a connection).
 * What was logged for a connection is kept with the connection, so it goes when the connection does.
 */
final class WeirdLog {
    static final LogSchema SCHEMA = LogSchema.of("weird",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "name", "string", "addl", "string", "notice", "bool", "peer", "string",
            "source", "string");

    private final ZeekLogWriter logs;
    private final Set<String> seen = new HashSet<>();

    WeirdLog(ZeekLogWriter logs) {
        this.logs = logs;
    }

    void write(Conn c, String name, double ts) {
        if (c == null ? !seen.add(name) : !c.firstWeird(name)) {
            return;
        }
        if (c == null) {
            logs.write(SCHEMA, ts, null, null, null, null, null, name, null, false, "zeek", null);
        } else {
            logs.write(SCHEMA, ts, c.uid(), Addresses.format(c.origHi, c.origLo), c.origPort,
                    Addresses.format(c.respHi, c.respLo), c.respPort, name, null, false, "zeek", null);
        }
    }
}

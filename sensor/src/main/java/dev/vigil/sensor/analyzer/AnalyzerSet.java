package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.util.Set;

/** Chooses the analyzers for a new connection, honouring --only like a bare Zeek with those scripts. */
public final class AnalyzerSet {
    private final Set<String> only;
    private final ZeekLogWriter logs;
    private final boolean dns;

    public AnalyzerSet(Set<String> only, ZeekLogWriter logs) {
        this.only = only;
        this.logs = logs;
        this.dns = loaded("dns");
    }

    private boolean loaded(String name) {
        return only == null || only.contains(name);
    }

    public void attach(Conn c) {
        if (dns && DnsAnalyzer.wants(c)) {
            c.analyzers.add(new DnsAnalyzer(logs, true));
        }
        if (only == null || !only.isEmpty()) {
            ServiceDetector d = ServiceDetector.create(c, only);
            if (d != null) {
                c.analyzers.add(d);
            }
        }
    }
}

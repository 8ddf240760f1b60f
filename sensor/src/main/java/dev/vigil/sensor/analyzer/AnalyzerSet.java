package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.util.Set;

/** Chooses the analyzers for a new connection, honouring --only like a bare Zeek with those scripts. */
public final class AnalyzerSet {
    private final Set<String> only;
    private final ZeekLogWriter logs;
    private final boolean dns;
    private final boolean http;
    private final FileSink files = new FileSink();

    /** Ports Zeek's HTTP script registers: the analyzer runs there whatever the method looks like. */
    static final java.util.Set<Integer> HTTP_PORTS = java.util.Set.of(80, 81, 631, 1080, 3128, 8000, 8080, 8888);

    public AnalyzerSet(Set<String> only, ZeekLogWriter logs) {
        this.only = only;
        this.logs = logs;
        this.dns = loaded("dns");
        this.http = loaded("http");
    }

    private boolean loaded(String name) {
        return only == null || only.contains(name);
    }

    public void attach(Conn c) {
        if (dns && DnsAnalyzer.wants(c)) {
            c.analyzers.add(new DnsAnalyzer(logs, true));
        }
        if (http && c.isTcp()) {
            c.analyzers.add(new HttpAnalyzer(logs, files, HTTP_PORTS.contains(c.respPort)));
        }
        if (only == null || !only.isEmpty()) {
            ServiceDetector d = ServiceDetector.create(c, only);
            if (d != null) {
                c.analyzers.add(d);
            }
        }
    }
}

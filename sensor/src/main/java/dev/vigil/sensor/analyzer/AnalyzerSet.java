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
    private final FileSink files;
    private final boolean ssl;
    private final boolean smtp;
    private final boolean ftp;
    private final FtpExpectations ftpData;
    private final X509Log x509;

    /** Ports Zeek's HTTP script registers: the analyzer runs there whatever the method looks like. */
    static boolean isHttpPort(int p) {
        return p == 80 || p == 81 || p == 631 || p == 1080 || p == 3128 || p == 8000 || p == 8080 || p == 8888;
    }

    private Set<String> ftpLogged = FtpLogging.DEFAULT;

    /** FTP::logged_commands after a redef. */
    public void ftpLoggedCommands(Set<String> commands) {
        if (commands != null) {
            ftpLogged = commands;
        }
    }

    private final CertCache certs = new CertCache();

    public AnalyzerSet(Set<String> only, ZeekLogWriter logs, dev.vigil.sensor.LocalNetworks local) {
        this.only = only;
        this.logs = logs;
        this.files = new FileSink(logs, only == null || only.contains("http") || only.contains("smtp")
                || only.contains("ftp") || only.contains("files"),
                only == null || only.contains("hash") || only.contains("hash-all-files"),
                only == null || only.contains("extract"), only != null && only.contains("hash-all-files"), local);
        this.dns = loaded("dns");
        this.http = loaded("http");
        this.ssl = loaded("ssl");
        this.smtp = loaded("smtp");
        this.ftp = loaded("ftp");
        this.ftpData = new FtpExpectations(files);
        this.x509 = only == null || only.contains("x509") || only.contains("ssl") ? new X509Log(logs) : null;
    }

    private boolean loaded(String name) {
        return only == null || only.contains(name);
    }

    /** End of input: files still open (range transfers) are logged. */
    public void finish() {
        files.finishAll();
    }

    public void attach(Conn c) {
        if (dns && DnsAnalyzer.wants(c)) {
            c.analyzers.add(new DnsAnalyzer(logs, true));
        }
        if (http && c.isTcp()) {
            c.analyzers.add(new HttpAnalyzer(logs, files, isHttpPort(c.respPort)));
        }
        if (ftp && c.isTcp() && !ftpData.isEmpty() && ftpData.attach(c)) {
            return;
        }
        if (ftp && c.isTcp() && (c.respPort == 21 || c.respPort == 2811)) {
            c.analyzers.add(new FtpAnalyzer(logs, ftpData, ssl ? new TlsAnalyzer(logs, x509, true, certs) : null, ftpLogged));
        } else if (smtp && c.isTcp() && (c.respPort == 25 || c.respPort == 587)) {
            c.analyzers.add(new SmtpAnalyzer(logs, files, ssl ? new TlsAnalyzer(logs, x509, true, certs) : null));
        } else if (ssl && c.isTcp()) {
            c.analyzers.add(new TlsAnalyzer(logs, x509, true, certs));
        }
        if (only == null || !only.isEmpty()) {
            ServiceDetector d = ServiceDetector.create(c, only);
            if (d != null) {
                c.analyzers.add(d);
            }
        }
    }
}

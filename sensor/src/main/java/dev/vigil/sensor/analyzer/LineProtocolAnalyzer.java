package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;

/**
 * Base of the line-based protocols that can switch to TLS in the middle of the stream (SMTP
 * STARTTLS, FTP AUTH TLS): splits lines, and once {@link #startTls()} was called hands the rest
 * of both directions to the TLS analyzer.
 */
abstract class LineProtocolAnalyzer implements SessionAnalyzer {
    private final LineSplitter lines;
    private final TlsAnalyzer tls;
    private boolean tlsMode;
    protected Conn conn;
    protected double now;

    LineProtocolAnalyzer(int maxLine, TlsAnalyzer tls) {
        this.lines = new LineSplitter(maxLine);
        this.tls = tls;
    }

    /** One line (without CR LF) from the client ({@code isOrig}) or the server. */
    protected abstract void line(boolean isOrig, byte[] l);

    /** TLS starts right after the current line, if a TLS analyzer is loaded. */
    protected void startTls() {
        if (tls != null) {
            tlsMode = true;
        }
    }

    @Override
    public void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        conn = c;
        now = ts;
        if (tlsMode) {
            tls.deliver(c, isOrig, d, off, len, ts);
            return;
        }
        int stop = lines.feed(isOrig, d, off, len, (o, l) -> {
            line(o, l);
            return !tlsMode;
        });
        if (tlsMode && stop < off + len) {
            tls.deliver(c, isOrig, d, stop, off + len - stop, ts);
        }
    }

    @Override
    public void done(Conn c) {
        if (tls != null) {
            tls.done(c);
        }
    }
}

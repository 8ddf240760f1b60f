package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;
import dev.vigil.sensor.log.ZeekLogWriter;

/**
 * DNS (RFC 1035) on Zeek's DNS ports, over UDP and over TCP (RFC 1035 §4.2.2 length-prefixed
 * messages): confirms the dns service, flips a connection whose first message is a reply, and
 * writes dns.log through {@link DnsLog}.
 */
final class DnsAnalyzer implements SessionAnalyzer {
    /** Largest DNS message over TCP (the 16-bit length prefix). */
    static final int MAX_TCP_MESSAGE = 65_535;

    /** Ports Zeek's DNS script registers: DNS, NetBIOS name service, mDNS, LLMNR. */
    static boolean wants(Conn c) {
        int p = c.respPort;
        if (c.ipProto == 17) {
            return p == 53 || p == 137 || p == 5353 || p == 5355;
        }
        return c.ipProto == 6 && p == 53;
    }

    private final DnsLog log;
    private final boolean writeLog;
    private boolean first = true;
    private byte[][] tcpBuf;
    private int[] tcpLen;

    DnsAnalyzer(ZeekLogWriter logs, boolean writeLog) {
        this.log = new DnsLog(logs);
        this.writeLog = writeLog;
    }

    @Override
    public void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        if (c.isTcp()) {
            tcp(c, isOrig, d, off, len, ts);
        } else {
            message(c, isOrig, d, off, len, ts);
        }
    }

    private void message(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        DnsMessage m = DnsMessage.parse(d, off, len);
        if (m == null) {
            return;
        }
        if (first && m.qr && isOrig && !c.respIsMulticast()) {
            c.flip(); // the first message was a reply: the other side is the server
        }
        first = false;
        c.confirm("dns");
        if (writeLog) {
            log.setConn(c);
            log.message(c, m, ts, c.respIsMulticast());
        }
    }

    private void tcp(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        if (tcpBuf == null) {
            tcpBuf = new byte[2][];
            tcpLen = new int[2];
        }
        int k = isOrig ? 0 : 1;
        for (int i = 0; i < len; i++) {
            if (tcpBuf[k] == null) {
                tcpBuf[k] = new byte[2 + MAX_TCP_MESSAGE];
            }
            byte[] b = tcpBuf[k];
            b[tcpLen[k]++] = d[off + i];
            if (tcpLen[k] >= 2) {
                int need = 2 + (((b[0] & 0xff) << 8) | (b[1] & 0xff));
                if (tcpLen[k] == need) {
                    message(c, isOrig, b, 2, need - 2, ts);
                    tcpLen[k] = 0;
                }
            }
        }
    }

    @Override
    public void done(Conn c) {
        if (writeLog) {
            log.flush(c);
        }
    }
}

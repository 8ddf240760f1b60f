package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;
import dev.vigil.sensor.log.ZeekLogWriter;

/**
 * DNS (RFC 1035) over UDP on Zeek's DNS ports: confirms the dns service when a message parses.
 * dns.log is not written yet.
 */
final class DnsAnalyzer implements SessionAnalyzer {
    /** Ports Zeek's DNS script registers: DNS, NetBIOS name service, mDNS, LLMNR. */
    static boolean wants(Conn c) {
        if (c.ipProto == 17) {
            int p = c.respPort;
            int q = c.origPort;
            return p == 53 || p == 137 || p == 5353 || p == 5355 || q == 53 || q == 137 || q == 5353 || q == 5355;
        }
        return false;
    }

    DnsAnalyzer(ZeekLogWriter logs) {
    }

    @Override
    public void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        if (DnsMessage.parses(d, off, len)) {
            c.confirm("dns");
        }
    }
}

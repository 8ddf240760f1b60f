package dev.vigil.sensor.conn;

import java.util.Map;
import java.util.TreeMap;

/**
 * Puts one direction of a TCP stream back in order (relative sequence numbers, data starting at 1)
 * and hands it to the connection's analyzers. Out-of-order data is buffered up to a bound; holes
 * that the peer acknowledges become content gaps (missed_bytes, history G) as in Zeek.
 */
final class TcpReassembler {
    /** Out-of-order bytes kept per direction before giving up on a hole. */
    static final int MAX_BUFFERED = 1 << 20;

    private final TcpEndpoint endp;
    long lastReassemSeq = 1;
    private TreeMap<Long, byte[]> pending;
    private long pendingBytes;
    private ConnTable table;

    TcpReassembler(TcpEndpoint endp) {
        this.endp = endp;
    }

    void dataSent(ConnTable t, Conn c, long seq, byte[] d, int off, int len, double ts) {
        table = t;
        long end = seq + len;
        if (end <= lastReassemSeq) {
            return;
        }
        if (pending != null && !pending.isEmpty()) {
            checkOverlap(t, c, seq, d, off, len);
        }
        if (seq <= lastReassemSeq) {
            int skip = (int) (lastReassemSeq - seq);
            lastReassemSeq = end;
            deliver(c, d, off + skip, len - skip, ts);
            drain(c, ts);
            return;
        }
        if (pending == null) {
            pending = new TreeMap<>();
        }
        if (pendingBytes + len > MAX_BUFFERED) {
            // Give up on the hole: report it and continue from here.
            undelivered(t, c, pending.isEmpty() ? seq : Math.min(seq, pending.firstKey()), ts);
            dataSent(t, c, seq, d, off, len, ts);
            return;
        }
        byte[] copy = new byte[len];
        System.arraycopy(d, off, copy, 0, len);
        byte[] prev = pending.get(seq);
        if (prev == null || prev.length < len) {
            pending.put(seq, copy);
            pendingBytes += len - (prev == null ? 0 : prev.length);
        }
    }

    /**
     * Zeek's TCP_Reassembler::Overlap: data overlapping buffered, not yet delivered data with
     * different bytes (an evasion or injection attempt, or a broken stack) raises
     * {@code rexmit_inconsistency}, except for the one-byte keep-alives of a peer that sent nothing.
     * Delivered data is not kept, as with Zeek's default {@code tcp_max_old_segments = 0}.
     */
    private void checkOverlap(ConnTable t, Conn c, long seq, byte[] d, int off, int len) {
        if (len <= 1 && endp.peer.state == TcpEndpoint.INACTIVE) {
            return;
        }
        long end = seq + len;
        Map.Entry<Long, byte[]> e = pending.floorEntry(seq);
        if (e == null) {
            e = pending.ceilingEntry(seq);
        }
        while (e != null && e.getKey() < end) {
            long s = e.getKey();
            byte[] b = e.getValue();
            long from = Math.max(s, seq);
            long to = Math.min(s + b.length, end);
            for (long k = from; k < to; k++) {
                if (b[(int) (k - s)] != d[off + (int) (k - seq)]) {
                    t.weird(c, "rexmit_inconsistency");
                    return;
                }
            }
            e = pending.higherEntry(s);
        }
    }

    private void drain(Conn c, double ts) {
        if (pending == null) {
            return;
        }
        while (!pending.isEmpty()) {
            Map.Entry<Long, byte[]> e = pending.firstEntry();
            long s = e.getKey();
            if (s > lastReassemSeq) {
                return;
            }
            pending.pollFirstEntry();
            byte[] b = e.getValue();
            pendingBytes -= b.length;
            long end = s + b.length;
            if (end > lastReassemSeq) {
                int skip = (int) (lastReassemSeq - s);
                lastReassemSeq = end;
                deliver(c, b, skip, b.length - skip, ts);
            }
        }
    }

    /** The peer acknowledged everything below {@code seq}. */
    void ackReceived(ConnTable t, Conn c, long seq, double ts) {
        table = t;
        if (endp.finCnt > 0 && seq >= endp.finSeq) {
            seq = endp.finSeq - 1; // the FIN occupies sequence space but carries no data
        }
        if (seq <= lastReassemSeq) {
            return;
        }
        while (seq > lastReassemSeq) {
            long upTo = seq;
            if (pending != null && !pending.isEmpty() && pending.firstKey() < upTo) {
                upTo = pending.firstKey();
            }
            if (upTo > lastReassemSeq) {
                undelivered(t, c, upTo, ts);
            }
            drain(c, ts);
            if (pending == null || pending.isEmpty()) {
                if (seq > lastReassemSeq) {
                    undelivered(t, c, seq, ts);
                }
                return;
            }
        }
    }

    /** Zeek's TCP_Reassembler::Undelivered: skip the hole up to {@code upTo}, reporting it as a gap when Zeek would. */
    private void undelivered(ConnTable t, Conn c, long upTo, double ts) {
        TcpEndpoint peer = endp.peer;
        long from = lastReassemSeq;
        lastReassemSeq = upTo;
        if (upTo <= 2 && c.isPartial) {
            return; // the faked initial sequence number of a partial connection
        }
        if (from == 1 && (endp.finCnt > 0 || endp.rstCnt > 0 || peer.finCnt > 0 || peer.rstCnt > 0)) {
            return; // trace starting mid-stream next to a close: too common and bogus
        }
        if (endp.state == TcpEndpoint.PARTIAL || peer.state == TcpEndpoint.PARTIAL) {
            return; // report_gaps_for_partial is off by default
        }
        long len = upTo - from;
        c.missedBytes += len;
        c.scaledHistory(endp.isOrig ? 'G' : 'g', endp.scaled, TcpEndpoint.GAP);
        for (SessionAnalyzer a : c.analyzers) {
            a.gap(c, endp.isOrig, len);
        }
    }

    private void deliver(Conn c, byte[] d, int off, int len, double ts) {
        if (len > 0 && !c.analyzers.isEmpty()) {
            c.deliver(table, endp.isOrig, d, off, len, ts);
        }
    }
}

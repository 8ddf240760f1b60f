package dev.vigil.sensor.conn;

/** One side of a TCP connection: Zeek's TCP_Endpoint state, sequence tracking and history counters. */
public final class TcpEndpoint {
    public static final int INACTIVE = 0, SYN_SENT = 1, SYN_ACK_SENT = 2, PARTIAL = 3, ESTABLISHED = 4, CLOSED = 5, RESET = 6;

    boolean isOrig;
    TcpEndpoint peer;
    int state = INACTIVE;
    int prevState = INACTIVE;
    int startSeq, lastSeq, ackSeq;
    int seqWraps, ackWraps;
    int finCnt, rstCnt;
    long finSeq;
    boolean didClose;
    long histLastSyn, histLastFin, histLastRst;
    int windowScale;
    int window;
    int windowSeq, windowAckSeq;
    /** Scaled history counters, pairs of (count, next threshold): checksum, retransmit, zero window, gap. */
    final int[] scaled = {0, 1, 0, 1, 0, 1, 0, 1};
    static final int CHK = 0, RXMT = 2, WIN0 = 4, GAP = 6;
    double lastTime;
    final TcpReassembler reassembler = new TcpReassembler(this);

    void setState(int s, Conn c, ConnTable table) {
        if (s != state) {
            // Leaving the handshake switches the connection to the TCP inactivity timeout.
            if (!isHandshake(s) && isHandshake(state) && isHandshake(peer.state)) {
                table.setInactivityTimeout(c, table.config.tcpInactivityTimeout);
            }
            prevState = state;
            state = s;
        }
    }

    static boolean isHandshake(int s) {
        return s == INACTIVE || s == SYN_SENT || s == SYN_ACK_SENT;
    }

    long fullSeq(int seq, int wraps) {
        return ((long) wraps << 32) | (seq & 0xffffffffL);
    }

    long startSeq64() {
        return startSeq & 0xffffffffL;
    }

    long toRelative(int seq, int wraps) {
        return fullSeq(seq, wraps) - startSeq64();
    }

    void updateLastSeq(int seq) {
        if (Integer.compareUnsigned(seq, lastSeq) < 0) {
            seqWraps++;
        }
        lastSeq = seq;
    }

    void updateAckSeq(int seq) {
        if (Integer.compareUnsigned(seq, ackSeq) < 0) {
            ackWraps++;
        }
        ackSeq = seq;
    }

    boolean noDataAcked() {
        long ack = fullSeq(ackSeq, ackWraps);
        long start = startSeq64();
        return ack == start || ack == start + 1;
    }

    /** Payload bytes as Zeek counts them: sequence space covered, minus the SYN and FIN octets. */
    long size() {
        if (prevState == SYN_SENT && state == RESET && peer.state == INACTIVE && !noDataAcked()) {
            return 0;
        }
        long last = fullSeq(lastSeq, seqWraps);
        long ack = fullSeq(ackSeq, ackWraps);
        long size = Long.compareUnsigned(last, ack) > 0 ? last - startSeq64() : ack - startSeq64();
        if (size != 0) {
            size--;
        }
        if (finCnt > 0 && size != 0) {
            size--;
        }
        return size;
    }
}

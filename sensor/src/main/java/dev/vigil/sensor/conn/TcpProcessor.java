package dev.vigil.sensor.conn;

import dev.vigil.sensor.decode.Checksum;
import dev.vigil.sensor.decode.Packet;

import static dev.vigil.sensor.conn.TcpEndpoint.CLOSED;
import static dev.vigil.sensor.conn.TcpEndpoint.ESTABLISHED;
import static dev.vigil.sensor.conn.TcpEndpoint.INACTIVE;
import static dev.vigil.sensor.conn.TcpEndpoint.PARTIAL;
import static dev.vigil.sensor.conn.TcpEndpoint.RESET;
import static dev.vigil.sensor.conn.TcpEndpoint.SYN_ACK_SENT;
import static dev.vigil.sensor.conn.TcpEndpoint.SYN_SENT;

/**
 * TCP per-packet processing with Zeek's semantics (TCPSessionAdapter): endpoint initialisation,
 * relative sequence numbers, history letters, the endpoint state machine, closing and expiry.
 */
final class TcpProcessor {
    /** TCP header flag bits (RFC 793 §3.1). */
    static final int FIN = 0x01, SYN = 0x02, RST = 0x04, ACK = 0x10;
    /** Zeek's history masks (Conn.h); responder masks are shifted left by 16. */
    static final int HIST_SYN = 0x1, HIST_FIN = 0x2, HIST_RST = 0x4, HIST_FIN_RST = 0x8, HIST_DATA = 0x10,
            HIST_ACK = 0x20, HIST_MULTI_FLAG = 0x40;
    static final int TOO_LARGE_SEQ_DELTA = 1_048_576;

    private final ConnTable t;
    /** Out-parameters reused for every packet (one thread; no allocation per packet). */
    private final boolean[] underflow = new boolean[1];
    private final boolean[] ackUnder = new boolean[1];
    private final boolean[] close = new boolean[2];

    TcpProcessor(ConnTable t) {
        this.t = t;
    }

    void packet(Packet p) {
        int o = p.l4Off;
        if (p.l4Len < 20) { // Zeek's IPBasedAnalyzer::CheckHeaderTrunc
            t.listener.weird(null, "truncated_header", p.ts);
            return;
        }
        if (p.l4Cap < 20) {
            t.listener.weird(null, "internally_truncated_header", p.ts);
            return;
        }
        int sport = p.u16(o), dport = p.u16(o + 2);
        int flags = p.data[o + 13] & 0xff;
        int hlen = ((p.data[o + 12] & 0xff) >> 4) * 4;
        Conn c = t.lookup(p, sport, dport, false);
        if (c != null && isReuse(c, p, sport, flags, p.i32(o + 4))) {
            t.remove(c);
            c = null;
        }
        if (c == null) {
            boolean flip = false;
            if ((flags & SYN) == 0 || (flags & ACK) != 0) {
                if (t.config.isLikelyServerPort(sport, 6)) {
                    flip = t.config.isLikelyServerPort(dport, 6) ? (flags & SYN) == 0 && sport < dport : true;
                }
            }
            c = t.create(p, sport, dport, flip);
        }
        boolean isOrig = t.isOrig(c, p, sport);
        if (hlen < 20) {
            t.weird(c, "bad_TCP_header_len");
            return;
        }
        if (hlen > p.l4Len || hlen > p.l4Cap) {
            t.weird(c, "truncated_header");
            return;
        }
        int len = p.l4Len - hlen;
        int remaining = p.l4Cap - hlen;
        TcpEndpoint endp = isOrig ? c.orig : c.resp;
        if (!t.config.ignoreChecksums && remaining >= len && !Checksum.transportValid(p, 6, o, p.l4Len)) {
            t.weird(c, "bad_TCP_checksum");
            c.scaledHistory(isOrig ? 'C' : 'c', endp.scaled, TcpEndpoint.CHK);
            return;
        }
        process(c, p, isOrig, flags, p.i32(o + 4), p.i32(o + 8), p.u16(o + 14), len, remaining, o + hlen);
        if (c.removed) {
            return;
        }
        if (isOrig) {
            c.origPkts++;
            c.origIpBytes += p.ipLen;
        } else {
            c.respPkts++;
            c.respIpBytes += p.ipLen;
        }
    }

    private void process(Conn c, Packet p, boolean isOrig, int flags, int baseSeq, int ackSeq, int win,
                         int len, int remaining, int dataOff) {
        TcpEndpoint endp = isOrig ? c.orig : c.resp;
        TcpEndpoint peer = endp.peer;
        boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0, ack = (flags & ACK) != 0;
        setPartialStatus(c, syn, ack, endp.isOrig);
        int segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0) - (rst ? len : 0);
        int seqOnePast = baseSeq + segLen;
        initEndpoint(endp, syn, baseSeq, seqOnePast, p.ts);
        underflow[0] = false;
        long relSeq = relativeSeq(endp, baseSeq, endp.lastSeq, endp.seqWraps, underflow);
        if (underflow[0] && !rst) {
            t.weird(c, "TCP_seq_underflow_or_misorder");
        }
        updateHistory(c, endp, syn, fin, rst, ack, relSeq, len);
        if (win == 0 && !rst && peer.state != CLOSED && endp.state != RESET) {
            c.scaledHistory(endp.isOrig ? 'W' : 'w', endp.scaled, TcpEndpoint.WIN0);
        }
        if (!c.orig.didClose || !c.resp.didClose) {
            c.lastTime = p.ts;
        }
        if (fin) {
            endp.finCnt++;
            endp.finSeq = relSeq + segLen;
        }
        if (rst) {
            endp.rstCnt++;
        }
        long relAck = 0;
        if (ack) {
            if (peer.state == INACTIVE) {
                relAck = 1;
                peer.startSeq = ackSeq - 1;
                peer.ackSeq = ackSeq - 1;
                peer.lastSeq = ackSeq - 1;
            } else {
                ackUnder[0] = false;
                relAck = relativeSeq(peer, ackSeq, peer.ackSeq, peer.ackWraps, ackUnder);
                if (ackUnder[0]) {
                    relAck = 0;
                    t.weird(c, "TCP_ack_underflow_or_misorder");
                } else if (!rst) {
                    int deltaAck = ackSeq - peer.ackSeq;
                    if (!(ackSeq == 0 && deltaAck > TOO_LARGE_SEQ_DELTA) && deltaAck > 0) {
                        peer.updateAckSeq(ackSeq);
                    }
                }
            }
        }
        int deltaLast = updateLastSeq(c, endp, seqOnePast, syn, fin, rst, len);
        endp.lastTime = p.ts;
        close[0] = false;
        close[1] = false;
        TcpStateMachine.update(t, c, endp, peer, baseSeq, ackSeq, len, deltaLast, isOrig, flags, close);
        if (ack) {
            peer.reassembler.ackReceived(t, c, relAck, p.ts);
        }
        long relDataSeq = syn ? relSeq + 1 : relSeq;
        if (len > 0 && !rst && !underflow[0]) {
            if (remaining >= len) {
                endp.reassembler.dataSent(t, c, relDataSeq, p.data, dataOff, len, p.ts);
            } else {
                // cut by the snapshot length: Zeek's TCP_Endpoint::DataSent delivers none of it
                t.weird(c, "truncated_tcp_payload");
            }
        }
        if (close[0]) {
            TcpStateMachine.connectionClosed(t, c, endp, peer);
        }
        c.firstPacketSeen |= endp.isOrig ? 1 : 2;
    }

    private static void setPartialStatus(Conn c, boolean syn, boolean ack, boolean isOrig) {
        if (isOrig) {
            if ((c.firstPacketSeen & 1) == 0) {
                c.isPartial = !syn || ack;
            }
        } else if ((c.firstPacketSeen & 2) == 0 && !c.isPartial) {
            c.isPartial = !syn;
        }
    }

    private void initEndpoint(TcpEndpoint e, boolean syn, int firstSeq, int lastSeq, double ts) {
        switch (e.state) {
            case INACTIVE -> {
                if (syn) {
                    e.ackSeq = firstSeq;
                    e.startSeq = firstSeq;
                } else {
                    e.ackSeq = firstSeq - 1;
                    e.startSeq = firstSeq - 1;
                    lastSeq = firstSeq;
                }
                e.lastSeq = lastSeq;
            }
            case SYN_SENT, SYN_ACK_SENT, ESTABLISHED, PARTIAL -> {
                if (syn && firstSeq != e.startSeq) {
                    e.startSeq = firstSeq;
                    e.ackSeq = firstSeq;
                    e.lastSeq = lastSeq;
                } else if (syn && (e.state == ESTABLISHED || e.state == PARTIAL)) {
                    e.startSeq = firstSeq;
                    e.ackSeq = firstSeq;
                    e.lastSeq = lastSeq;
                }
            }
            case RESET -> {
                if (syn && e.prevState == INACTIVE) {
                    e.startSeq = firstSeq;
                    e.ackSeq = firstSeq;
                    e.lastSeq = lastSeq;
                }
            }
            default -> { }
        }
    }

    private static long relativeSeq(TcpEndpoint e, int cur, int last, int wraps, boolean[] underflow) {
        int delta = cur - last;
        if (delta < 0) {
            if (wraps != 0 && Integer.compareUnsigned(cur, last) > 0) {
                wraps--;
            }
        } else if (delta > 0) {
            if (Integer.compareUnsigned(cur, last) < 0) {
                wraps++;
            }
        }
        if (wraps == 0) {
            delta = cur - e.startSeq;
            if (delta < 0) {
                underflow[0] = true;
            }
            return delta;
        }
        return e.toRelative(cur, wraps);
    }

    private static void updateHistory(Conn c, TcpEndpoint e, boolean syn, boolean fin, boolean rst, boolean ack,
                                      long relSeq, int len) {
        int shift = e.isOrig ? 0 : 16;
        int bits = (syn ? 1 : 0) + (fin ? 1 : 0) + (rst ? 1 : 0);
        if (bits > 1) {
            if (fin && rst) {
                c.checkHistory(HIST_FIN_RST << shift, e.isOrig ? 'I' : 'i');
            } else {
                c.checkHistory(HIST_MULTI_FLAG << shift, e.isOrig ? 'Q' : 'q');
            }
        } else if (bits == 1) {
            if (syn) {
                char code = ack ? (e.isOrig ? 'H' : 'h') : (e.isOrig ? 'S' : 's');
                if (c.checkHistory(HIST_SYN << shift, code) && relSeq != e.histLastSyn) {
                    c.addHistory(code);
                }
                e.histLastSyn = relSeq;
            }
            if (fin) {
                char code = e.isOrig ? 'F' : 'f';
                if (c.checkHistory(HIST_FIN << shift, code) && relSeq + len != e.histLastFin) {
                    c.addHistory(code);
                }
                e.histLastFin = relSeq + len;
            }
            if (rst) {
                char code = e.isOrig ? 'R' : 'r';
                if (c.checkHistory(HIST_RST << shift, code) && relSeq != e.histLastRst) {
                    c.addHistory(code);
                }
                e.histLastRst = relSeq;
            }
        } else if (len > 0) {
            c.checkHistory(HIST_DATA << shift, e.isOrig ? 'D' : 'd');
        } else if (ack) {
            c.checkHistory(HIST_ACK << shift, e.isOrig ? 'A' : 'a');
        }
    }

    private static int updateLastSeq(Conn c, TcpEndpoint e, int lastSeq, boolean syn, boolean fin, boolean rst, int len) {
        int deltaLast = lastSeq - e.lastSeq;
        if ((syn || rst) && (deltaLast > TOO_LARGE_SEQ_DELTA || deltaLast < -TOO_LARGE_SEQ_DELTA)) {
            return deltaLast;
        }
        if (fin && e.lastSeq == e.startSeq + 1) {
            e.updateLastSeq(lastSeq);
        } else if (e.state == RESET) {
            return deltaLast;
        } else if (deltaLast > 0) {
            e.updateLastSeq(lastSeq);
        } else if (len > 0) {
            c.scaledHistory(e.isOrig ? 'T' : 't', e.scaled, TcpEndpoint.RXMT);
        }
        return deltaLast;
    }

    /** Zeek's TCPSessionAdapter::IsReuse: a new initial SYN on a known five-tuple starts a new connection. */
    private static boolean isReuse(Conn c, Packet p, int sport, int flags, int seq) {
        if ((flags & SYN) == 0) {
            return false;
        }
        TcpEndpoint connOrig = c.orig;
        if ((flags & ACK) != 0) {
            if (c.orig.state != INACTIVE) {
                return false;
            }
            connOrig = c.resp;
        }
        if (c.tcpActive) {
            if (seq == connOrig.startSeq) {
                return false;
            }
            if ((flags & ACK) == 0 && connOrig.state == SYN_ACK_SENT && c.resp.state == INACTIVE && seq == c.resp.startSeq) {
                return false;
            }
        }
        return true;
    }

    /** TCPSessionAdapter::ExpireTimer. */
    void expireTimer(Conn c, double now) {
        if (!c.tcpActive) {
            return;
        }
        ConnConfig cfg = t.config;
        TcpEndpoint o = c.orig, r = c.resp;
        if (c.lastTime + cfg.tcpConnectionLinger < now) {
            if (o.didClose || r.didClose) {
                if ((o.didClose && r.didClose) || o.state == RESET || r.state == RESET
                        || o.state == INACTIVE || r.state == INACTIVE) {
                    t.remove(c);
                    return;
                }
            }
            if (r.state == INACTIVE && o.state == INACTIVE) {
                t.remove(c);
                return;
            }
        }
        t.schedule(c, now + cfg.tcpSessionTimer, ConnTable.T_EXPIRE, 0);
    }
}

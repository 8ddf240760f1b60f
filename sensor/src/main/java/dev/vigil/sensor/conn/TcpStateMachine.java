package dev.vigil.sensor.conn;

import static dev.vigil.sensor.conn.TcpEndpoint.CLOSED;
import static dev.vigil.sensor.conn.TcpEndpoint.ESTABLISHED;
import static dev.vigil.sensor.conn.TcpEndpoint.INACTIVE;
import static dev.vigil.sensor.conn.TcpEndpoint.PARTIAL;
import static dev.vigil.sensor.conn.TcpEndpoint.RESET;
import static dev.vigil.sensor.conn.TcpEndpoint.SYN_ACK_SENT;
import static dev.vigil.sensor.conn.TcpEndpoint.SYN_SENT;
import static dev.vigil.sensor.conn.TcpProcessor.ACK;
import static dev.vigil.sensor.conn.TcpProcessor.FIN;
import static dev.vigil.sensor.conn.TcpProcessor.RST;
import static dev.vigil.sensor.conn.TcpProcessor.SYN;

/** Zeek's TCP endpoint state machine (TCPSessionAdapter::UpdateStateMachine and ConnectionClosed). */
final class TcpStateMachine {
    private TcpStateMachine() {
    }

    /** close[0] is set when the connection should be reported closed after data delivery. */
    static void update(ConnTable t, Conn c, TcpEndpoint e, TcpEndpoint peer, int baseSeq, int ackSeq, int len,
                       int deltaLast, boolean isOrig, int flags, boolean[] close) {
        boolean syn = (flags & SYN) != 0, fin = (flags & FIN) != 0, rst = (flags & RST) != 0, ack = (flags & ACK) != 0;
        switch (e.state) {
            case INACTIVE -> inactive(t, c, e, peer, baseSeq, ackSeq, len, isOrig, syn, fin, rst, ack, close);
            case SYN_SENT, SYN_ACK_SENT -> {
                if (syn) {
                    if (isOrig) {
                        if (ack && !fin && !rst && e.state != SYN_ACK_SENT) {
                            t.weird(c, "repeated_SYN_with_ack");
                        }
                    } else if (!ack && e.state != SYN_SENT) {
                        t.weird(c, "repeated_SYN_reply_wo_ack");
                    }
                }
                if (fin) {
                    if (peer.state == INACTIVE || peer.state == SYN_SENT) {
                        t.weird(c, "inappropriate_FIN");
                    }
                    e.setState(CLOSED, c, t);
                    close[0] = true;
                }
                if (rst) {
                    e.setState(RESET, c, t);
                    c.tcpActive = false; // ConnectionReset
                    close[0] = true;
                } else if (len > 0) {
                    t.weird(c, "data_before_established");
                }
            }
            case ESTABLISHED, PARTIAL -> {
                if (syn && e.state == PARTIAL && peer.state == INACTIVE && !ack) {
                    t.weird(c, "SYN_after_partial");
                    e.setState(SYN_SENT, c, t);
                }
                if (fin && !rst) {
                    e.setState(CLOSED, c, t);
                    if (peer.state == RESET && peer.prevState == CLOSED) {
                        peer.setState(CLOSED, c, t); // FIN then RST from the peer was a normal close
                    }
                    close[0] = true;
                }
                if (rst) {
                    e.setState(RESET, c, t);
                    close[0] = true;
                    if (peer.state != RESET || peer.prevState != ESTABLISHED) {
                        c.tcpActive = false;
                    }
                }
            }
            case CLOSED -> {
                if (syn) {
                    t.weird(c, "SYN_after_close");
                }
                if (fin && deltaLast > 0) {
                    t.weird(c, "FIN_advanced_last_seq");
                }
                if (rst && peer.state != CLOSED) {
                    e.setState(RESET, c, t);
                    if (!e.didClose) {
                        close[0] = true;
                    }
                }
            }
            case RESET -> {
                if (syn) {
                    t.weird(c, "SYN_after_reset");
                }
                if (fin) {
                    t.weird(c, "FIN_after_reset");
                }
                if (len > 0 && !rst) {
                    t.weird(c, "data_after_reset");
                }
            }
            default -> { }
        }
    }

    private static void inactive(ConnTable t, Conn c, TcpEndpoint e, TcpEndpoint peer, int baseSeq, int ackSeq,
                                 int len, boolean isOrig, boolean syn, boolean fin, boolean rst, boolean ack,
                                 boolean[] close) {
        if (syn) {
            if (isOrig) {
                if (ack) {
                    t.weird(c, "connection_originator_SYN_ack");
                    e.setState(SYN_ACK_SENT, c, t);
                } else {
                    e.setState(SYN_SENT, c, t);
                }
                t.schedule(c, c.lastTime + t.config.tcpAttemptDelay, ConnTable.T_ATTEMPT, 0);
            } else {
                if (ack) {
                    // bad_SYN_ack check omitted: it only produces a weird
                } else if (peer.state == SYN_ACK_SENT && baseSeq == e.startSeq) {
                    // SYN/SYN-ACK reversal: flip the endpoints and establish the connection.
                    c.isPartial = false;
                    c.flipRoles();
                    peer.setState(ESTABLISHED, c, t);
                } else {
                    t.weird(c, "simultaneous_open");
                }
                if (peer.state == SYN_SENT) {
                    peer.setState(ESTABLISHED, c, t);
                } else if (peer.state == INACTIVE) {
                    t.weird(c, "unsolicited_SYN_response");
                }
                e.setState(ESTABLISHED, c, t);
            }
        }
        if (fin) {
            e.setState(CLOSED, c, t);
            close[0] = true;
            if (peer.state != PARTIAL && !syn) {
                t.weird(c, "spontaneous_FIN");
            }
        }
        if (rst) {
            e.setState(RESET, c, t);
            boolean reject = false;
            if (isOrig) {
                if (peer.state == ESTABLISHED) {
                    reject = true;
                }
            } else if (peer.state == SYN_SENT || peer.state == SYN_ACK_SENT) {
                reject = true;
            }
            close[0] = true;
            close[1] = !reject;
            if (!reject && peer.state == INACTIVE) {
                t.weird(c, "spontaneous_RST");
            }
        }
        if (e.state == INACTIVE) {
            if (!isOrig && len == 0 && c.orig.state == SYN_SENT) {
                return; // an ACK of the SYN before the SYN-ACK: not a partial connection
            }
            if (ack && peer.state == ESTABLISHED) {
                e.setState(ESTABLISHED, c, t);
                c.isPartial = false;
            } else {
                e.setState(PARTIAL, c, t);
            }
        }
    }

    /** TCPSessionAdapter::ConnectionClosed. */
    static void connectionClosed(ConnTable t, Conn c, TcpEndpoint e, TcpEndpoint peer) {
        if (e.didClose) {
            return;
        }
        e.didClose = true;
        boolean complete = e.state == RESET || peer.didClose || peer.state == INACTIVE;
        if (complete) {
            if (e.prevState != INACTIVE || peer.state != INACTIVE) {
                c.tcpActive = false; // ConnectionFinished
            }
            t.cancelTimers(c);
            c.timersCanceled = false;
            t.schedule(c, c.lastTime + t.config.tcpCloseDelay, ConnTable.T_DELETE, 0);
            c.timersCanceled = true;
        } else if (e.prevState != INACTIVE) {
            t.schedule(c, c.lastTime + t.config.tcpSessionTimer, ConnTable.T_EXPIRE, 0);
        }
    }
}

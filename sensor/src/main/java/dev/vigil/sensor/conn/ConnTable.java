package dev.vigil.sensor.conn;

import dev.vigil.sensor.decode.Checksum;
import dev.vigil.sensor.decode.Packet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The live connections, keyed by five-tuple. Applies Zeek's creation and flipping rules, feeds
 * TCP packets to {@link TcpProcessor}, keeps UDP and ICMP counters, runs the timers that remove
 * connections, and evicts the oldest when the table is full so memory stays bounded.
 */
public final class ConnTable {
    final ConnConfig config;
    private final UidGenerator uids;
    final ConnListener listener;
    private final HashMap<FlowKey, Conn> table = new HashMap<>(1 << 16);
    private final FlowKey probe = new FlowKey();
    private final TimerQueue timers = new TimerQueue();
    private final TcpProcessor tcp = new TcpProcessor(this);
    private double now;

    static final int T_INACTIVITY = 0, T_ATTEMPT = 1, T_EXPIRE = 2, T_DELETE = 3;

    public ConnTable(ConnConfig config, UidGenerator uids, ConnListener listener) {
        this.config = config;
        this.uids = uids;
        this.listener = listener;
    }

    public int size() {
        return table.size();
    }

    /** Draws the next uid (tunnels share the connections' sequence). */
    public String nextUid() {
        return uids.nextUid();
    }

    /** Processes one IP packet. */
    public void packet(Packet p) {
        advance(p.ts);
        switch (p.proto) {
            case 6 -> tcp.packet(p);
            case 17 -> udp(p);
            case 1, 58 -> icmp(p);
            default -> { }
        }
    }

    /** Fires the timers due at network time {@code t}. */
    public void advance(double t) {
        now = t;
        while (timers.size() > 0 && timers.peekDue() <= t) {
            timers.poll();
            fire(timers.polledDue, timers.polledConn, timers.polledKind, timers.polledGen);
        }
    }

    /** End of input: every remaining connection is removed and logged. */
    public void flushAll() {
        List<Conn> all = new ArrayList<>(table.values());
        for (Conn c : all) {
            remove(c);
        }
        timers.clear();
    }

    Conn lookup(Packet p, int srcPort, int dstPort, boolean oneWay) {
        probe.set(p.srcHi, p.srcLo, srcPort, p.dstHi, p.dstLo, dstPort, p.proto, oneWay);
        return table.get(probe);
    }

    /** Creates a connection for the packet's five-tuple (probe must hold its key). */
    Conn create(Packet p, int srcPort, int dstPort, boolean flip) {
        if (table.size() >= config.maxConnections) {
            evictOldest();
        }
        Conn c = new Conn(uids, p.proto, p.ts);
        if (config.eagerUids) {
            c.uid();
        }
        c.key = probe.copy();
        c.origHi = p.srcHi;
        c.origLo = p.srcLo;
        c.origPort = srcPort;
        c.respHi = p.dstHi;
        c.respLo = p.dstLo;
        c.respPort = dstPort;
        c.tunnel = p.tunnel;
        if (flip) {
            c.flipRoles();
        }
        table.put(c.key, c);
        double timeout = p.proto == 6 ? config.udpInactivityTimeout
                : p.proto == 17 ? config.udpInactivityTimeout : config.icmpInactivityTimeout;
        setInactivityTimeout(c, timeout);
        if (p.proto == 6) {
            schedule(c, p.ts + config.tcpSynTimeout, T_EXPIRE, 0);
        }
        listener.created(c);
        return c;
    }

    boolean isOrig(Conn c, Packet p, int srcPort) {
        return p.srcLo == c.origLo && p.srcHi == c.origHi && srcPort == c.origPort;
    }

    void setInactivityTimeout(Conn c, double timeout) {
        if (timeout == c.inactivityTimeout) {
            return;
        }
        c.inactivityTimeout = timeout;
        c.inactivityGen++;
        if (timeout > 0) {
            schedule(c, c.lastTime + timeout, T_INACTIVITY, c.inactivityGen);
        }
    }

    void schedule(Conn c, double t, int kind, int gen) {
        if (!c.timersCanceled) {
            timers.add(t, c, kind, gen);
        }
    }

    void cancelTimers(Conn c) {
        c.timersCanceled = true;
    }

    private void fire(double t, Conn c, int kind, int gen) {
        if (c.removed) {
            return;
        }
        if (c.timersCanceled && kind != T_DELETE) {
            return;
        }
        switch (kind) {
            case T_INACTIVITY -> {
                if (gen != c.inactivityGen) {
                    return;
                }
                double due = c.lastTime + c.inactivityTimeout;
                if (due <= t) {
                    remove(c);
                } else {
                    timers.add(due, c, T_INACTIVITY, gen);
                }
            }
            case T_ATTEMPT -> {
                if (c.tcpActive && (c.orig.state == TcpEndpoint.SYN_SENT || c.orig.state == TcpEndpoint.SYN_ACK_SENT)
                        && c.resp.state == TcpEndpoint.INACTIVE) {
                    c.tcpActive = false;
                    remove(c);
                }
            }
            case T_EXPIRE -> tcp.expireTimer(c, t);
            case T_DELETE -> remove(c);
            default -> { }
        }
    }

    /** Removes a connection from the table and hands it to the listener for logging. */
    void remove(Conn c) {
        if (c.removed) {
            return;
        }
        c.removed = true;
        table.remove(c.key);
        c.uid(); // connection_state_remove builds the record
        c.done(this);
        listener.removed(c);
    }

    private void evictOldest() {
        // Eviction is rare (the table is sized generously); a scan keeps the common path cheap.
        Conn oldest = null;
        for (Conn c : table.values()) {
            if (oldest == null || c.lastTime < oldest.lastTime) {
                oldest = c;
            }
        }
        if (oldest != null) {
            listener.weird(oldest, "conn_table_full_evicted", now);
            remove(oldest);
        }
    }

    void weird(Conn c, String name) {
        c.didWeird = true;
        if (config.weirdEvents) {
            c.uid();
        }
        listener.weird(c, name, now);
    }

    private void udp(Packet p) {
        byte[] d = p.data;
        int o = p.l4Off;
        if (p.l4Len < 8) { // Zeek's IPBasedAnalyzer::CheckHeaderTrunc
            listener.weird(null, "truncated_header", p.ts);
            return;
        }
        if (p.l4Cap < 8) {
            listener.weird(null, "internally_truncated_header", p.ts);
            return;
        }
        int sport = p.u16(o), dport = p.u16(o + 2);
        Conn c = lookup(p, sport, dport, false);
        if (c == null) {
            boolean flip = config.isLikelyServerPort(sport, 17) && !config.isLikelyServerPort(dport, 17);
            c = create(p, sport, dport, flip);
        }
        boolean isOrig = isOrig(c, p, sport);
        int len = p.l4Len;
        int cksum = p.u16(o + 6);
        if (!config.ignoreChecksums && p.l4Cap >= len && (p.ipVersion == 6 || cksum != 0)
                && !Checksum.transportValid(p, 17, o, len)) {
            weird(c, "bad_UDP_checksum");
            c.scaledHistory(isOrig ? 'C' : 'c', c.udpChk, isOrig ? 0 : 2);
            return;
        }
        int ulen = p.u16(o + 4);
        if (ulen != len) {
            weird(c, "UDP_datagram_length_mismatch");
        }
        c.lastTime = p.ts;
        if (isOrig) {
            c.checkHistory(0x1, 'D');
            c.origSize = (c.origSize < 0 ? 0 : c.origSize) + ulen - 8;
            c.origPkts++;
            c.origIpBytes += p.ipLen;
        } else {
            c.checkHistory(0x2, 'd');
            c.respSize = (c.respSize < 0 ? 0 : c.respSize) + ulen - 8;
            c.respPkts++;
            c.respIpBytes += p.ipLen;
        }
        if (p.l4Cap >= len && !c.analyzers.isEmpty()) {
            c.deliver(this, isOrig, d, o + 8, len - 8, p.ts);
        }
    }

    private void icmp(Packet p) {
        int o = p.l4Off;
        if (p.l4Len < 8) { // Zeek's IPBasedAnalyzer::CheckHeaderTrunc
            listener.weird(null, "truncated_header", p.ts);
            return;
        }
        if (p.l4Cap < 8) {
            listener.weird(null, "internally_truncated_header", p.ts);
            return;
        }
        int type = p.data[o] & 0xff;
        int code = p.data[o + 1] & 0xff;
        int counterpart = p.proto == 1 ? IcmpTypes.counterpart4(type) : IcmpTypes.counterpart6(type);
        boolean oneWay = counterpart < 0;
        int dport = oneWay ? code : counterpart;
        Conn c = lookup(p, type, dport, oneWay);
        if (c == null) {
            c = create(p, type, dport, false);
        }
        boolean isOrig = isOrig(c, p, type);
        int len = p.l4Len;
        if (!config.ignoreChecksums && p.l4Cap >= len) {
            boolean ok = p.proto == 1
                    ? Checksum.fold(Checksum.add(0, p.data, o, len)) == 0xffff
                    : Checksum.transportValid(p, 58, o, len);
            if (!ok) {
                weird(c, "bad_ICMP_checksum");
                return;
            }
        }
        c.lastTime = p.ts;
        if (isOrig) {
            c.origSize = (c.origSize < 0 ? 0 : c.origSize) + len - 8;
            c.origPkts++;
            c.origIpBytes += p.ipLen;
        } else {
            c.respSize = (c.respSize < 0 ? 0 : c.respSize) + len - 8;
            c.respPkts++;
            c.respIpBytes += p.ipLen;
        }
    }
}

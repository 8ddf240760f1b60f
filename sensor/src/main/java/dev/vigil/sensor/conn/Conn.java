package dev.vigil.sensor.conn;

import dev.vigil.sensor.decode.Tunnel;

import java.util.ArrayList;
import java.util.List;

/** One connection as Zeek sees it: endpoints, history, counters, services and attached analyzers. */
public final class Conn {
    FlowKey key;
    private String uid;
    private final UidGenerator uids;
    public long origHi, origLo, respHi, respLo;
    public int origPort, respPort;
    /** IP protocol number (6, 17, 1, 58). */
    public final int ipProto;
    public final double startTime;
    public double lastTime;
    final StringBuilder history = new StringBuilder(8);
    int histSeen;
    public long origPkts, origIpBytes, respPkts, respIpBytes;
    public long missedBytes;
    /** TCP only. */
    TcpEndpoint orig, resp;
    boolean isPartial;
    /** Zeek's is_active: cleared once the TCP connection finished, was reset or attempt timed out. */
    boolean tcpActive = true;
    int firstPacketSeen;
    /** UDP/ICMP payload sizes, -1 while the side is inactive. */
    long origSize = -1, respSize = -1;
    /** UDP bad-checksum counters: orig count, orig threshold, resp count, resp threshold. */
    final int[] udpChk = {0, 1, 0, 1};
    public Tunnel tunnel;
    final List<String> services = new ArrayList<>(1);
    public final List<SessionAnalyzer> analyzers = new ArrayList<>(2);
    boolean removed;
    boolean timersCanceled;
    double inactivityTimeout;
    int inactivityGen;
    boolean didWeird;
    /** Free slot for the sensor (e.g. per-connection log state). */
    public Object attachment;

    Conn(UidGenerator uids, int ipProto, double start) {
        this.uids = uids;
        this.ipProto = ipProto;
        this.startTime = start;
        this.lastTime = start;
        if (ipProto == 6) {
            orig = new TcpEndpoint();
            resp = new TcpEndpoint();
            orig.isOrig = true;
            orig.peer = resp;
            resp.peer = orig;
        }
    }

    /** Adds a history letter the first time this mask is seen; true if it was already seen. */
    boolean checkHistory(int mask, char code) {
        if ((histSeen & mask) == 0) {
            histSeen |= mask;
            history.append(code);
            return false;
        }
        return true;
    }

    void addHistory(char code) {
        history.append(code);
    }

    /**
     * Logarithmic history letters (C, G, T, W): added at the 1st, 10th, 100th... occurrence.
     * {@code counters[i]} is the count and {@code counters[i+1]} the next threshold.
     */
    boolean scaledHistory(char code, int[] counters, int i) {
        if (++counters[i] == counters[i + 1]) {
            history.append(code);
            long next = (long) counters[i + 1] * 10;
            counters[i + 1] = next > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) next;
            return true;
        }
        return false;
    }

    /**
     * The connection's uid. Zeek draws it when it first builds the connection's script-level record:
     * at creation in default mode, otherwise at the first event about the connection; calling this
     * is that moment.
     */
    /** Weird names already logged for this connection (Zeek logs most weirds once per connection). */
    private java.util.Set<String> weirdNames;

    /** True the first time {@code name} is reported for this connection. */
    public boolean firstWeird(String name) {
        if (weirdNames == null) {
            weirdNames = new java.util.HashSet<>(4);
        }
        return weirdNames.add(name);
    }

    public String uid() {
        if (uid == null) {
            uid = uids.nextUid();
        }
        return uid;
    }

    /** Swaps originator and responder, as an analyzer does when it sees the reply first (history '^'). */
    public void flip() {
        flipRoles();
    }

    void flipRoles() {
        long h = respHi, l = respLo;
        respHi = origHi;
        respLo = origLo;
        origHi = h;
        origLo = l;
        int p = respPort;
        respPort = origPort;
        origPort = p;
        if (orig != null) {
            TcpEndpoint t = orig;
            orig = resp;
            resp = t;
            orig.isOrig = true;
            resp.isOrig = false;
        }
        long s = origSize;
        origSize = respSize;
        respSize = s;
        long a = origPkts;
        origPkts = respPkts;
        respPkts = a;
        a = origIpBytes;
        origIpBytes = respIpBytes;
        respIpBytes = a;
        history.append('^');
    }

    /**
     * Hands payload to every attached analyzer. An analyzer that fails on bad input is dropped
     * (Zeek's analyzer violation), reported as a weird, and the rest of the sensor carries on.
     */
    void deliver(ConnTable t, boolean isOrig, byte[] d, int off, int len, double ts) {
        for (int i = 0; i < analyzers.size(); i++) {
            try {
                analyzers.get(i).deliver(this, isOrig, d, off, len, ts);
            } catch (RuntimeException e) {
                analyzers.remove(i--);
                t.weird(this, "analyzer_failed_on_input");
            }
        }
    }

    /** Tells every analyzer the connection ends; failures are contained as in {@link #deliver}. */
    void done(ConnTable t) {
        for (SessionAnalyzer a : analyzers) {
            try {
                a.done(this);
            } catch (RuntimeException e) {
                t.weird(this, "analyzer_failed_on_input");
            }
        }
    }

    /** Records that an analyzer confirmed its protocol; the first confirmation per name counts. */
    public void confirm(String service) {
        uid(); // a protocol confirmation is an event about the connection
        if (!services.contains(service)) {
            services.add(service);
        }
    }

    public List<String> services() {
        return services;
    }

    public String history() {
        return history.toString();
    }

    public boolean isTcp() {
        return ipProto == 6;
    }

    public double duration() {
        return lastTime - startTime;
    }

    /** orig_bytes as Zeek reports it. */
    public long origBytes() {
        return orig != null ? orig.size() : Math.max(origSize, 0);
    }

    /** resp_bytes as Zeek reports it. */
    public long respBytes() {
        return resp != null ? resp.size() : Math.max(respSize, 0);
    }

    /** Zeek's conn_state (base/protocols/conn/main.zeek). */
    public String connState() {
        if (ipProto == 6) {
            int os = orig.state, rs = resp.state;
            boolean oInactive = os == TcpEndpoint.INACTIVE || os == TcpEndpoint.PARTIAL;
            boolean rInactive = rs == TcpEndpoint.INACTIVE || rs == TcpEndpoint.PARTIAL;
            if (rs == TcpEndpoint.RESET) {
                if (os == TcpEndpoint.SYN_SENT || os == TcpEndpoint.SYN_ACK_SENT
                        || (os == TcpEndpoint.RESET && orig.size() == 0 && resp.size() == 0)) {
                    return "REJ";
                }
                return oInactive ? "RSTRH" : "RSTR";
            }
            if (os == TcpEndpoint.RESET) {
                if (rInactive) {
                    return rstos0(history) ? "RSTOS0" : "OTH";
                }
                return "RSTO";
            }
            if (rs == TcpEndpoint.CLOSED && os == TcpEndpoint.CLOSED) {
                return "SF";
            }
            if (os == TcpEndpoint.CLOSED) {
                return rInactive ? "SH" : "S2";
            }
            if (rs == TcpEndpoint.CLOSED) {
                return oInactive ? "SHR" : "S3";
            }
            if (os == TcpEndpoint.SYN_SENT && rs == TcpEndpoint.INACTIVE) {
                return "S0";
            }
            if (os == TcpEndpoint.ESTABLISHED && rs == TcpEndpoint.ESTABLISHED) {
                return "S1";
            }
            return "OTH";
        }
        if (ipProto == 17) {
            if (origSize >= 0) {
                return respSize >= 0 ? "SF" : "S0";
            }
            return respSize >= 0 ? "SHR" : "OTH";
        }
        return "OTH";
    }

    /** The history pattern /^\^?S[^HAFGIQ]*R.*$/ that tells RSTOS0 from OTH. */
    static boolean rstos0(CharSequence h) {
        int i = 0;
        if (i < h.length() && h.charAt(i) == '^') {
            i++;
        }
        if (i >= h.length() || h.charAt(i) != 'S') {
            return false;
        }
        for (i++; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c == 'R') {
                return true;
            }
            if ("HAFGIQ".indexOf(c) >= 0) {
                return false;
            }
        }
        return false;
    }

    /** Is the responder a multicast address (224.0.0.0/4, ff00::/8)? */
    public boolean respIsMulticast() {
        if (respHi == 0 && (respLo & 0xffffffff00000000L) == dev.vigil.sensor.decode.Packet.V4_MAPPED_LO) {
            return ((respLo >>> 28) & 0xf) == 0xe;
        }
        return (respHi >>> 56) == 0xff;
    }

    /** TCP only: the handshake was not seen (Zeek's is_partial). */
    public boolean isPartial() {
        return isPartial;
    }

    public boolean isRemoved() {
        return removed;
    }
}

package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dns.log for one connection, pairing queries and replies by transaction id as
 * base/protocols/dns/main.zeek does; unpaired messages are logged when the connection ends.
 */
final class DnsLog {
    static final LogSchema SCHEMA = LogSchema.of("dns",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "proto", "enum", "trans_id", "count", "rtt", "interval", "query", "string",
            "qclass", "count", "qclass_name", "string", "qtype", "count", "qtype_name", "string",
            "rcode", "count", "rcode_name", "string", "AA", "bool", "TC", "bool", "RD", "bool", "RA", "bool",
            "Z", "count", "answers", "vector[string]", "TTLs", "vector[interval]", "rejected", "bool",
            "opcode", "count", "opcode_name", "string");
    /** Zeek's DNS::max_pending_msgs / max_pending_query_ids. */
    static final int MAX_PENDING = 50;

    static final class Info {
        double ts;
        int transId;
        Double rtt;
        byte[] query;
        Integer qclass, qtype, rcode;
        boolean aa, tc, rd, ra, rejected, sawQuery, sawReply;
        int z;
        int opcode;
        List<byte[]> answers;
        List<Double> ttls;
    }

    private final ZeekLogWriter logs;
    private Info pendingQuery;
    private final Map<Integer, ArrayDeque<Info>> pendingQueries = new LinkedHashMap<>();
    private final Map<Integer, ArrayDeque<Info>> pendingReplies = new LinkedHashMap<>();

    DnsLog(ZeekLogWriter logs) {
        this.logs = logs;
    }

    void message(Conn c, DnsMessage m, double ts, boolean multicast) {
        boolean isQuery = !m.qr;
        Info info = multicast ? fresh(m, ts) : session(m, isQuery, ts);
        info.opcode = m.opcode;
        if (!isQuery) {
            info.rcode = m.rcode;
            if (m.rcode != 0 && m.qdcount == 0) {
                info.rejected = true;
            }
        }
        boolean netbios = c.respPort == 137;
        for (int i = 0; i < m.qnames.size(); i++) {
            int[] tc = m.qtypeClass.get(i);
            if (isQuery) {
                info.rd = m.rd;
                info.tc = m.tc;
                info.qclass = tc[1];
                info.qtype = tc[0];
                info.z = m.z;
                byte[] q = m.qnames.get(i).clone();
                for (int k = 0; k < q.length; k++) {
                    if (q[k] >= 'A' && q[k] <= 'Z') {
                        q[k] += 'a' - 'A'; // Zeek reports question names in lower case
                    }
                }
                if (netbios) {
                    byte[] dec = DnsMessage.netbiosName(q);
                    if (dec.length != 0) {
                        q = dec;
                    }
                }
                info.query = q;
            } else if (m.ancount == 0 && m.nscount == 0 && m.arcount == 0) {
                info.rejected = true; // dns_rejected: a reply that will not report an answer
            }
        }
        if (!isQuery) {
            for (DnsMessage.Answer a : m.answers) {
                if (info.query == null) {
                    info.query = a.owner();
                }
                info.aa = m.aa;
                info.ra = m.ra;
                if (info.rtt == null) {
                    double rtt = ts - info.ts;
                    info.rtt = rtt == 0 ? null : rtt;
                }
                if (a.reply().length > 0) {
                    if (info.answers == null) {
                        info.answers = new ArrayList<>();
                        info.ttls = new ArrayList<>();
                    }
                    info.answers.add(a.reply());
                    info.ttls.add((double) a.ttl());
                }
            }
        }
        if (isQuery) {
            info.sawQuery = true;
        } else {
            info.sawReply = true;
        }
        if (multicast || (info.sawQuery && info.sawReply)) {
            write(c, info);
        }
    }

    private static Info fresh(DnsMessage m, double ts) {
        Info i = new Info();
        i.ts = ts;
        i.transId = m.id;
        return i;
    }

    private Info session(DnsMessage m, boolean isQuery, double ts) {
        int id = m.id;
        if (isQuery) {
            ArrayDeque<Info> q = pendingReplies.get(id);
            if (q != null && !q.isEmpty()) {
                return pop(pendingReplies, id);
            }
            Info i = fresh(m, ts);
            if (pendingQuery == null) {
                pendingQuery = i;
            } else {
                enqueue(pendingQueries, id, i);
            }
            return i;
        }
        if (pendingQuery != null && pendingQuery.transId == id) {
            Info i = pendingQuery;
            pendingQuery = null;
            if (!pendingQueries.isEmpty()) {
                ArrayDeque<Info> q = pendingQueries.get(id);
                if (q != null && !q.isEmpty()) {
                    pendingQuery = pop(pendingQueries, id);
                } else {
                    for (Map.Entry<Integer, ArrayDeque<Info>> e : pendingQueries.entrySet()) {
                        if (!e.getValue().isEmpty()) {
                            pendingQuery = pop(pendingQueries, e.getKey());
                            break;
                        }
                    }
                }
            }
            return i;
        }
        ArrayDeque<Info> q = pendingQueries.get(id);
        if (q != null && !q.isEmpty()) {
            return pop(pendingQueries, id);
        }
        Info i = fresh(m, ts);
        enqueue(pendingReplies, id, i);
        return i;
    }

    private static Info pop(Map<Integer, ArrayDeque<Info>> msgs, int id) {
        ArrayDeque<Info> q = msgs.get(id);
        Info i = q.poll();
        if (q.isEmpty()) {
            msgs.remove(id);
        }
        return i;
    }

    private Conn current;

    private void enqueue(Map<Integer, ArrayDeque<Info>> msgs, int id, Info i) {
        ArrayDeque<Info> q = msgs.get(id);
        if (q == null) {
            if (msgs.size() > MAX_PENDING && current != null) {
                flushAll(current, msgs);
            }
            q = new ArrayDeque<>();
            msgs.put(id, q);
        } else if (q.size() > MAX_PENDING && current != null) {
            for (Info x : q) {
                write(current, x);
            }
            q.clear();
        }
        q.add(i);
    }

    void setConn(Conn c) {
        current = c;
    }

    private void flushAll(Conn c, Map<Integer, ArrayDeque<Info>> msgs) {
        for (ArrayDeque<Info> q : msgs.values()) {
            for (Info x : q) {
                write(c, x);
            }
        }
        msgs.clear();
    }

    /** The connection ends: log what never got paired (finalize_dns). */
    void flush(Conn c) {
        if (pendingQuery != null) {
            write(c, pendingQuery);
            pendingQuery = null;
        }
        flushAll(c, pendingQueries);
        flushAll(c, pendingReplies);
    }

    private void write(Conn c, Info i) {
        boolean netbios = c.respPort == 137;
        String qtypeName = i.qtype == null ? null : DnsNames.type(i.qtype);
        if (netbios && "SRV".equals(qtypeName)) {
            qtypeName = "NBSTAT";
        }
        logs.write(SCHEMA, i.ts, c.uid(), Addresses.format(c.origHi, c.origLo), c.origPort,
                Addresses.format(c.respHi, c.respLo), c.respPort, c.isTcp() ? "tcp" : "udp", i.transId, i.rtt,
                i.query, i.qclass, i.qclass == null ? null : DnsNames.klass(i.qclass), i.qtype, qtypeName,
                i.rcode, i.rcode == null ? null : DnsNames.rcode(i.rcode), i.aa, i.tc, i.rd, i.ra, i.z,
                i.answers, i.ttls, i.rejected, i.opcode, DnsNames.opcode(i.opcode, netbios));
    }
}

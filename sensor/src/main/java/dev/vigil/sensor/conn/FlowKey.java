package dev.vigil.sensor.conn;

/**
 * A connection's five-tuple in canonical order (lower endpoint first), so both directions find
 * the same entry. One-way ICMP messages keep sender-first order, as Zeek's ConnKey does.
 * Mutable so the table can probe with one reused instance; never mutate a key stored in a map.
 */
public final class FlowKey {
    long aHi, aLo, bHi, bLo;
    int aPort, bPort, proto;
    private int hash;

    void set(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort, int proto, boolean oneWay) {
        boolean keep = oneWay || lessOrEqual(srcHi, srcLo, srcPort, dstHi, dstLo, dstPort);
        if (keep) {
            aHi = srcHi; aLo = srcLo; aPort = srcPort;
            bHi = dstHi; bLo = dstLo; bPort = dstPort;
        } else {
            aHi = dstHi; aLo = dstLo; aPort = dstPort;
            bHi = srcHi; bLo = srcLo; bPort = srcPort;
        }
        this.proto = proto;
        long h = aHi * 31 + aLo;
        h = h * 31 + bHi;
        h = h * 31 + bLo;
        h = h * 31 + ((long) aPort << 16 | bPort);
        h = h * 31 + proto;
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        hash = (int) h;
    }

    private static boolean lessOrEqual(long hi1, long lo1, int p1, long hi2, long lo2, int p2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c == 0) {
            c = Long.compareUnsigned(lo1, lo2);
        }
        return c < 0 || (c == 0 && p1 <= p2);
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.aHi = aHi; k.aLo = aLo; k.bHi = bHi; k.bLo = bLo;
        k.aPort = aPort; k.bPort = bPort; k.proto = proto; k.hash = hash;
        return k;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FlowKey k)) {
            return false;
        }
        return aLo == k.aLo && bLo == k.bLo && aPort == k.aPort && bPort == k.bPort && proto == k.proto
                && aHi == k.aHi && bHi == k.bHi;
    }
}

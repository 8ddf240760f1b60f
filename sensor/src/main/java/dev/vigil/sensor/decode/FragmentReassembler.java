package dev.vigil.sensor.decode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * IPv4 (RFC 791 §3.2) and IPv6 (RFC 8200 §4.5) fragment reassembly. Pending datagrams are bounded:
 * past {@code maxPending} the oldest is dropped. Overlaps keep the first copy of each byte.
 */
final class FragmentReassembler {
    private static final int MAX_DATAGRAM = 65_535;

    private record Key(long a, long b, long c, long d, int id, int proto) {
    }

    private static final class Pending {
        byte[] header;
        final byte[] payload = new byte[MAX_DATAGRAM];
        final List<int[]> have = new ArrayList<>();
        int lastEnd = -1;

        /** Records [from,to) and copies only bytes not seen before. */
        void add(byte[] d, int off, int from, int to) {
            int pos = from;
            List<int[]> sorted = have;
            sorted.sort((x, y) -> Integer.compare(x[0], y[0]));
            for (int[] r : sorted) {
                if (r[1] <= pos || r[0] >= to) {
                    continue;
                }
                if (r[0] > pos) {
                    System.arraycopy(d, off + (pos - from), payload, pos, r[0] - pos);
                }
                pos = Math.max(pos, r[1]);
            }
            if (pos < to) {
                System.arraycopy(d, off + (pos - from), payload, pos, to - pos);
            }
            have.add(new int[] {from, to});
        }

        boolean complete() {
            if (lastEnd < 0 || header == null) {
                return false;
            }
            have.sort((x, y) -> Integer.compare(x[0], y[0]));
            int reach = 0;
            for (int[] r : have) {
                if (r[0] > reach) {
                    return false;
                }
                reach = Math.max(reach, r[1]);
            }
            return reach >= lastEnd;
        }
    }

    private final int maxPending;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    FragmentReassembler(int maxPending) {
        this.maxPending = maxPending;
    }

    /** Adds an IPv4 fragment; returns the whole datagram once complete, else null. */
    byte[] addV4(byte[] d, int off, int hlen, int total, int fragOff, boolean more, double ts) {
        Key k = new Key(PacketDecoder.be32(d, off + 12), PacketDecoder.be32(d, off + 16), 0, 0,
                PacketDecoder.u16(d, off + 4), d[off + 9] & 0xff);
        int len = total - hlen;
        Pending p = pending(k);
        if (p == null || fragOff + len > MAX_DATAGRAM - hlen) {
            return null;
        }
        if (fragOff == 0) {
            p.header = java.util.Arrays.copyOfRange(d, off, off + hlen);
        }
        p.add(d, off + hlen, fragOff, fragOff + len);
        if (!more) {
            p.lastEnd = fragOff + len;
        }
        if (!p.complete()) {
            return null;
        }
        pending.remove(k);
        int h = p.header.length;
        byte[] whole = new byte[h + p.lastEnd];
        System.arraycopy(p.header, 0, whole, 0, h);
        System.arraycopy(p.payload, 0, whole, h, p.lastEnd);
        int tot = h + p.lastEnd;
        whole[2] = (byte) (tot >> 8);
        whole[3] = (byte) tot;
        whole[6] = 0;
        whole[7] = 0;
        whole[10] = 0;
        whole[11] = 0;
        int sum = ~Checksum.fold(Checksum.add(0, whole, 0, h)) & 0xffff;
        whole[10] = (byte) (sum >> 8);
        whole[11] = (byte) sum;
        return whole;
    }

    /** Adds an IPv6 fragment whose fragment header is at {@code fh}; returns the whole packet once complete. */
    byte[] addV6(byte[] d, int off, int fh, int nextHeader, int total, int fragOff, boolean more, int id, double ts) {
        Key k = new Key(Packet.be64(d, off + 8), Packet.be64(d, off + 16), Packet.be64(d, off + 24),
                Packet.be64(d, off + 32), id, 0);
        int dataStart = fh + 8;
        int len = off + total - dataStart;
        Pending p = pending(k);
        if (p == null || len < 0 || fragOff + len > MAX_DATAGRAM) {
            return null;
        }
        if (fragOff == 0) {
            byte[] h = java.util.Arrays.copyOfRange(d, off, fh);
            setNextHeaderBefore(h, nextHeader);
            p.header = h;
        }
        p.add(d, dataStart, fragOff, fragOff + len);
        if (!more) {
            p.lastEnd = fragOff + len;
        }
        if (!p.complete()) {
            return null;
        }
        pending.remove(k);
        int h = p.header.length;
        byte[] whole = new byte[h + p.lastEnd];
        System.arraycopy(p.header, 0, whole, 0, h);
        System.arraycopy(p.payload, 0, whole, h, p.lastEnd);
        int plen = whole.length - 40;
        whole[4] = (byte) (plen >> 8);
        whole[5] = (byte) plen;
        return whole;
    }

    /** Rewrites the next-header field that pointed at the fragment header (last in {@code h}). */
    private static void setNextHeaderBefore(byte[] h, int next) {
        int field = 6;
        int o = 40;
        int cur = h[6] & 0xff;
        while (cur != 44 && o + 1 < h.length) {
            int len = cur == 51 ? ((h[o + 1] & 0xff) + 2) * 4 : ((h[o + 1] & 0xff) + 1) * 8;
            field = o;
            cur = h[o] & 0xff;
            o += len;
        }
        h[field] = (byte) next;
    }

    private Pending pending(Key k) {
        Pending p = pending.get(k);
        if (p == null) {
            if (pending.size() >= maxPending) {
                Iterator<Key> it = pending.keySet().iterator();
                it.next();
                it.remove();
            }
            p = new Pending();
            pending.put(Objects.requireNonNull(k), p);
        }
        return p;
    }
}

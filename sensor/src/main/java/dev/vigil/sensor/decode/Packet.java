package dev.vigil.sensor.decode;

/**
 * One decoded IP packet, a mutable view reused for every packet so that decoding allocates nothing.
 * Addresses are kept as two longs each (IPv4 as the IPv4-mapped IPv6 form ::ffff:a.b.c.d).
 */
public final class Packet {
    /** Time in seconds, computed the way Zeek does: seconds + microseconds / 1e6. */
    public double ts;
    public byte[] data;
    /** Offset of the IP header in {@link #data}. */
    public int ipOff;
    public int ipVersion;
    /** Total IP length from the header (IPv4 total length; IPv6 40 + payload length). */
    public int ipLen;
    /** Offset of the transport header (after IPv6 extension headers). */
    public int l4Off;
    /** Transport payload length claimed by the IP header (ipOff + ipLen - l4Off). */
    public int l4Len;
    /** Bytes of the transport segment actually captured (may be less than l4Len). */
    public int l4Cap;
    /** Final protocol number (after extension headers). */
    public int proto;
    public long srcHi, srcLo, dstHi, dstLo;
    /** The encapsulation this packet arrived in, or null when it was not tunnelled. */
    public Tunnel tunnel;

    /** IPv4-mapped prefix in the high long / the upper part of the low long. */
    public static final long V4_MAPPED_LO = 0x0000ffff00000000L;

    public boolean srcIsV4() {
        return srcHi == 0 && (srcLo & 0xffffffff00000000L) == V4_MAPPED_LO;
    }

    /** Unsigned 16-bit big-endian value at {@code off}. */
    public int u16(int off) {
        return ((data[off] & 0xff) << 8) | (data[off + 1] & 0xff);
    }

    /** 32-bit big-endian value at {@code off}. */
    public int i32(int off) {
        return ((data[off] & 0xff) << 24) | ((data[off + 1] & 0xff) << 16) | ((data[off + 2] & 0xff) << 8) | (data[off + 3] & 0xff);
    }

    static long be64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}

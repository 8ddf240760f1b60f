package dev.vigil.sensor.conn;

/** SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012) of a 16-byte message. */
final class SipHash {
    private SipHash() {
    }

    /** SipHash-2-4 under key (k0,k1) of the 16-byte message le64(m0) || le64(m1). */
    static long hash16(long k0, long k1, long m0, long m1) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        long[] v = {v0, v1, v2, v3};
        compress(v, m0);
        compress(v, m1);
        compress(v, 16L << 56); // final block: message length 16 in the top byte, no tail bytes
        v[2] ^= 0xff;
        for (int i = 0; i < 4; i++) {
            round(v);
        }
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void compress(long[] v, long m) {
        v[3] ^= m;
        round(v);
        round(v);
        v[0] ^= m;
    }

    private static void round(long[] v) {
        v[0] += v[1];
        v[1] = Long.rotateLeft(v[1], 13);
        v[1] ^= v[0];
        v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3];
        v[3] = Long.rotateLeft(v[3], 16);
        v[3] ^= v[2];
        v[0] += v[3];
        v[3] = Long.rotateLeft(v[3], 21);
        v[3] ^= v[0];
        v[2] += v[1];
        v[1] = Long.rotateLeft(v[1], 17);
        v[1] ^= v[2];
        v[2] = Long.rotateLeft(v[2], 32);
    }
}

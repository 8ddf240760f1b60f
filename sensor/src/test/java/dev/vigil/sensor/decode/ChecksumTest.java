package dev.vigil.sensor.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-parallel Internet checksum equals RFC 1071's plain 16-bit sum, whatever the offset and length. */
class ChecksumTest {
    private static int naive(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xff;
            int lo = i + 1 < len ? b[off + i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void matchesThePlainSumAtEveryAlignmentAndLength() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("ChecksumTest seed: -Dtests.seed=" + seed);
        Random r = new Random(seed);
        byte[] b = new byte[70_000];
        for (int round = 0; round < 2000; round++) {
            int mode = r.nextInt(3);
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (mode == 0 ? 0xff : mode == 1 ? r.nextInt(256) : (r.nextInt(8) == 0 ? r.nextInt(256) : 0));
            }
            int off = r.nextInt(64);
            int len = round < 100 ? round : r.nextInt(round % 10 == 0 ? 65_536 : 1600);
            assertThat(Checksum.fold(Checksum.add(0, b, off, len))).as("offset %d length %d", off, len)
                    .isEqualTo(naive(b, off, len));
        }
    }

    @Test
    void aValidIpv4HeaderSumsToAllOnes() {
        // RFC 1071 §3's example bytes are not a header; this is a real one (checksum 0xb861).
        byte[] h = {0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, (byte) 0xb8, 0x61,
            (byte) 0xc0, (byte) 0xa8, 0x00, 0x01, (byte) 0xc0, (byte) 0xa8, 0x00, (byte) 0xc7};
        assertThat(Checksum.fold(Checksum.add(0, h, 0, 20))).isEqualTo(0xffff);
        h[11] ^= 1;
        assertThat(Checksum.fold(Checksum.add(0, h, 0, 20))).isNotEqualTo(0xffff);
    }
}

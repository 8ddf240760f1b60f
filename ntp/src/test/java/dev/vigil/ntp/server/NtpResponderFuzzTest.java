package dev.vigil.ntp.server;

import dev.vigil.ntp.packet.NtpFormatException;
import dev.vigil.ntp.packet.NtpLayout;
import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random, truncated, oversized and every mode/version input: no exception escapes, no wrong answer. */
class NtpResponderFuzzTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private final NtpResponder responder = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM,
            new RateLimiter(1_000_000L, 1_000_000, true, 64), -20, NtpResponder.DEFAULT_MAX_LENGTH);

    private boolean answerable(byte[] b) {
        int kind = NtpLayout.classify(Unpooled.wrappedBuffer(b), 0, b.length, NtpResponder.DEFAULT_MAX_LENGTH);
        int vn = b.length > 0 ? (b[0] >> 3) & 7 : 0;
        int mode = b.length > 0 ? b[0] & 7 : 0;
        return kind == NtpLayout.PLAIN && (mode == 3 || mode == 1 || (vn == 1 && mode == 0));
    }

    private void check(byte[] b, Random rnd) throws Exception {
        try {
            NtpPacket.decode(b, NtpResponder.DEFAULT_MAX_LENGTH);
        } catch (NtpFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        ByteBuf buf = Unpooled.copiedBuffer(b);
        int outcome = responder.respond(buf, InetAddress.getByAddress(new byte[]{10, 0, 0, (byte) rnd.nextInt()}), 1L);
        boolean replied = outcome == NtpResponder.REPLIED || outcome == NtpResponder.KOD_SENT;
        assertThat(replied).as("seed %d: %d bytes, first byte %s", SEED, b.length,
                b.length > 0 ? Integer.toHexString(b[0] & 0xFF) : "-").isEqualTo(answerable(b));
        if (replied) {
            assertThat(buf.readableBytes()).isEqualTo(48);
            NtpPacket reply = NtpPacket.decode(buf, 48);
            assertThat(reply.mode).isIn(2, 4);
            assertThat(reply.version).isEqualTo((b[0] >> 3) & 7);
        }
    }

    @Test
    void randomDatagramsNeverThrowAndOnlyValidRequestsAreAnswered() throws Exception {
        System.out.println("NtpResponderFuzzTest seed: -Dtests.seed=" + SEED);
        Random rnd = new Random(SEED);
        for (int i = 0; i < 50_000; i++) {
            int len = rnd.nextInt(4) == 0 ? 48 + 4 * rnd.nextInt(20) : rnd.nextInt(1400);
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            check(b, rnd);
        }
    }

    @Test
    void everyModeAndVersionAndTruncationIsHandled() throws Exception {
        Random rnd = new Random(SEED);
        for (int vn = 0; vn < 8; vn++) {
            for (int mode = 0; mode < 8; mode++) {
                for (int li = 0; li < 4; li++) {
                    byte[] full = new byte[48];
                    rnd.nextBytes(full);
                    full[0] = (byte) ((li << 6) | (vn << 3) | mode);
                    check(full, rnd);
                    for (int cut = 0; cut < 48; cut++) {
                        check(java.util.Arrays.copyOf(full, cut), rnd);
                    }
                }
            }
        }
    }

    @Test
    void oversizedAndExtensionFieldShapedInputIsHandled() throws Exception {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            int len = 48 + 4 * rnd.nextInt(600);
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            b[0] = (byte) ((4 << 3) | 3);
            for (int at = 48; at + 4 <= len; ) { // plausible field headers, sometimes lying about their length
                int efLen = rnd.nextInt(8) == 0 ? rnd.nextInt(65536) : 16 + 4 * rnd.nextInt(8);
                b[at + 2] = (byte) (efLen >> 8);
                b[at + 3] = (byte) efLen;
                at += Math.max(4, efLen);
            }
            check(b, rnd);
        }
    }
}

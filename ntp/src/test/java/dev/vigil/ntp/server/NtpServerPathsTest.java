package dev.vigil.ntp.server;

import dev.vigil.ntp.packet.NtpTimestamp;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.ServedTime;
import dev.vigil.ntp.source.TimeSource;
import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native fast path and the Netty server answer the same datagrams with the same bytes: every
 * reply received over a real socket is compared with what {@link NtpResponder} writes for that
 * request at the receive time the reply states (bytes 0–39 exactly; the transmit time must follow
 * it), every request the responder would answer is answered, nothing else is, and the counters add up.
 */
class NtpServerPathsTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());
    private static final long ID = 0x5A5A_0000_0000_0000L;

    /** A fixed snapshot with every field non-trivial: offset, root delay and dispersion, reference time. */
    private static TimeSource fixedSource() {
        long now = WallClock.SYSTEM.epochNanos();
        ServedTime t = new ServedTime(1, 3, 0x0A000001, now - 100_000_000_000L, 0.0123, 0.0021, 12_345_678L);
        return () -> t;
    }

    private static List<byte[]> corpus(Random rnd) {
        List<byte[]> out = new ArrayList<>();
        for (int vn = 0; vn < 8; vn++) {
            for (int mode = 0; mode < 8; mode++) {
                for (int li = 0; li < 4; li++) {
                    byte[] b = new byte[48];
                    rnd.nextBytes(b);
                    b[0] = (byte) ((li << 6) | (vn << 3) | mode);
                    out.add(b);
                }
            }
        }
        for (int i = 0; i < 800; i++) {
            int len = rnd.nextInt(3) == 0 ? 48 : rnd.nextInt(1400);
            byte[] b = new byte[len];
            rnd.nextBytes(b);
            out.add(b);
        }
        int[] shapes = {52, 68, 72, 96, 116, 120, 1020, 1024, 1028, 1100, 2048, 2100, 3000};
        for (int len : shapes) {
            for (int vn = 1; vn <= 4; vn++) {
                byte[] b = new byte[len];
                rnd.nextBytes(b);
                b[0] = (byte) ((vn << 3) | 3);
                if (len == 52) {
                    Arrays.fill(b, 48, 52, (byte) 0); // crypto-NAK shape
                }
                if (len > 48 && len < 1000 && vn == 4) { // one plausible extension field
                    b[48] = 0x01;
                    b[49] = 0x04;
                    b[50] = (byte) ((len - 48) >> 8);
                    b[51] = (byte) (len - 48);
                }
                out.add(b);
            }
        }
        for (int i = 0; i < out.size(); i++) {
            byte[] b = out.get(i);
            if (b.length >= 48) {
                ByteBuffer.wrap(b).putLong(40, ID | i); // our transmit time: the reply's origin names the request
            }
        }
        return out;
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void bothPathsAnswerExactlyWhatTheResponderAnswers(boolean nativePath) throws Exception {
        ServerPaths.assumePath(nativePath);
        System.out.println("NtpServerPathsTest seed: -Dtests.seed=" + SEED);
        NtpResponder responder = new NtpResponder(fixedSource(), WallClock.SYSTEM, null, -23,
                NtpResponder.DEFAULT_MAX_LENGTH);
        List<byte[]> corpus = corpus(new Random(SEED));
        Map<Long, byte[]> replies = new HashMap<>();
        try (NtpServer server = ServerPaths.with(nativePath, () -> NtpServer.start(
                List.of(InetAddress.getByName("127.0.0.1")), 0, 1, responder, WallClock.SYSTEM));
             DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            assertThat(server.isNative()).isEqualTo(nativePath);
            s.setReceiveBufferSize(4 << 20);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", server.port());
            byte[] rb = new byte[4096];
            for (int from = 0; from < corpus.size(); from += 100) {
                for (int i = from; i < Math.min(corpus.size(), from + 100); i++) {
                    s.send(new DatagramPacket(corpus.get(i), corpus.get(i).length, to));
                }
                s.setSoTimeout(300);
                while (true) {
                    DatagramPacket p = new DatagramPacket(rb, rb.length);
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    byte[] r = Arrays.copyOf(p.getData(), p.getLength());
                    assertThat(r.length).isEqualTo(48);
                    long origin = ByteBuffer.wrap(r).getLong(24);
                    assertThat(replies.put(origin, r)).as("one reply per request").isNull();
                }
            }
            int expectReplied = 0;
            for (int i = 0; i < corpus.size(); i++) {
                byte[] req = corpus.get(i);
                byte[] got = req.length >= 48 ? replies.remove(ID | i) : null;
                ByteBuf probe = Unpooled.copiedBuffer(req);
                long rxServed = got == null ? WallClock.SYSTEM.epochNanos()
                        : NtpTimestamp.toEpochNanos(ByteBuffer.wrap(got).getLong(32), WallClock.SYSTEM.epochNanos());
                long rxSystem = rxServed - 12_345_678L;
                boolean answers = responder.respond(probe, null, rxSystem) == NtpResponder.REPLIED;
                String what = "seed " + SEED + ", request " + i + " (" + req.length + " bytes, first byte "
                        + (req.length > 0 ? Integer.toHexString(req[0] & 0xFF) : "-") + ")";
                assertThat(got != null).as(what).isEqualTo(answers);
                if (got == null) {
                    continue;
                }
                expectReplied++;
                byte[] want = new byte[48];
                probe.getBytes(probe.readerIndex(), want);
                assertThat(Arrays.copyOf(got, 40)).as(what).isEqualTo(Arrays.copyOf(want, 40));
                long tx = NtpTimestamp.toEpochNanos(ByteBuffer.wrap(got).getLong(40), rxServed);
                assertThat(tx).as(what).isBetween(rxServed, rxServed + 1_000_000_000L);
                assertThat(Math.abs(rxServed - 12_345_678L - WallClock.SYSTEM.epochNanos())).isLessThan(60_000_000_000L);
            }
            assertThat(replies).as("replies to nothing we sent").isEmpty();
            assertThat(expectReplied).isGreaterThan(50);
            assertThat(server.stats().replied()).isEqualTo(expectReplied);
            assertThat(server.stats().received()).isEqualTo(corpus.size());
            assertThat(server.stats().ignored()).isEqualTo(corpus.size() - expectReplied);
        }
    }

    @Test
    void theNativePathIsUsedWhenBuiltAndNotWithARateLimitOrWhenDisabled() throws Exception {
        ServerPaths.assumePath(true);
        NtpResponder plain = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, null, -20, 1024);
        NtpResponder limited = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM,
                new RateLimiter(1_000_000_000L, 8, true, 64), -20, 1024);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (NtpServer a = ServerPaths.with(true, () -> NtpServer.start(List.of(lo), 0, 2, plain, WallClock.SYSTEM));
             NtpServer b = ServerPaths.with(true, () -> NtpServer.start(List.of(lo), 0, 1, limited, WallClock.SYSTEM));
             NtpServer c = ServerPaths.with(false, () -> NtpServer.start(List.of(lo), 0, 1, plain, WallClock.SYSTEM))) {
            assertThat(a.isNative()).as(NtpServer.nativeStatus()).isTrue();
            assertThat(a.localAddresses()).hasSize(2);
            assertThat(b.isNative()).isFalse();
            assertThat(c.isNative()).isFalse();
        }
    }
}

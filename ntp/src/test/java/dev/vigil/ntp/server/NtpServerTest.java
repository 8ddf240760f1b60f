package dev.vigil.ntp.server;

import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.client.NtpSample;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.WallClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Every case runs on both paths: the native fast path (when built) and the Netty server. */
class NtpServerTest {
    private final NtpClient client = new NtpClient(WallClock.SYSTEM, 1000);

    @org.junit.jupiter.api.AfterEach
    void restorePath() {
        System.clearProperty("vigil.ntp.native");
    }

    private static NtpResponder responder() {
        return new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, null, -20, NtpResponder.DEFAULT_MAX_LENGTH);
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void wildcardBindAnswersIpv4AndIpv6(boolean nativePath) throws Exception {
        ServerPaths.assumePath(nativePath);
        System.setProperty("vigil.ntp.native", Boolean.toString(nativePath));
        try (NtpServer server = NtpServer.start(List.of(), 0, 1, responder(), WallClock.SYSTEM)) {
            NtpSample v4 = client.query(new InetSocketAddress("127.0.0.1", server.port()));
            assertThat(v4.accepted()).as(v4.toString()).isTrue();
            NtpSample v6 = client.query(new InetSocketAddress(InetAddress.getByName("::1"), server.port()));
            assertThat(v6.accepted()).as(v6.toString()).isTrue();
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void keepsServingAfterAFloodOfGarbage(boolean nativePath) throws Exception {
        ServerPaths.assumePath(nativePath);
        System.setProperty("vigil.ntp.native", Boolean.toString(nativePath));
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("NtpServerTest seed: -Dtests.seed=" + seed);
        Random rnd = new Random(seed);
        try (NtpServer server = NtpServer.start(List.of(InetAddress.getByName("127.0.0.1")), 0, 2, responder(),
                WallClock.SYSTEM); DatagramSocket s = new DatagramSocket()) {
            assertThat(server.isNative()).isEqualTo(nativePath);
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", server.port());
            int answerable = 0;
            for (int i = 0; i < 5000; i++) {
                byte[] b = new byte[rnd.nextInt(1500)];
                rnd.nextBytes(b);
                if (b.length > 0) {
                    b[0] = (byte) ((b[0] & 0xF8) | (rnd.nextBoolean() ? 6 : 7)); // control/private: never answered
                }
                s.send(new DatagramPacket(b, b.length, to));
            }
            Thread.sleep(300);
            NtpSample ok = client.query(to);
            assertThat(ok.accepted()).as(ok.toString()).isTrue();
            assertThat(server.stats().replied()).isEqualTo(1 + answerable);
            assertThat(server.stats().ignored()).isGreaterThan(4000);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void aSecondServerOnTheSamePortFailsInsteadOfSharingIt(boolean nativePath) throws Exception {
        ServerPaths.assumePath(nativePath);
        System.setProperty("vigil.ntp.native", Boolean.toString(nativePath));
        try (NtpServer first = NtpServer.start(List.of(InetAddress.getByName("127.0.0.1")), 0, 2, responder(),
                WallClock.SYSTEM)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NtpServer.start(
                    List.of(InetAddress.getByName("127.0.0.1")), first.port(), 2, responder(), WallClock.SYSTEM))
                    .isInstanceOf(java.net.BindException.class);
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void reportsAPortInUseInOneSentence(boolean nativePath) throws Exception {
        ServerPaths.assumePath(nativePath);
        System.setProperty("vigil.ntp.native", Boolean.toString(nativePath));
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    NtpServer.start(List.of(InetAddress.getByName("127.0.0.1")), port, 1, responder(), WallClock.SYSTEM))
                    .isInstanceOf(java.net.BindException.class)
                    .hasMessageStartingWith("cannot bind NTP on UDP 127.0.0.1:" + port + ": ");
        }
    }
}

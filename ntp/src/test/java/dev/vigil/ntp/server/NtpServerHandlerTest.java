package dev.vigil.ntp.server;

import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The Netty handler in memory: datagrams in, replies out, addressed back to the sender. */
class NtpServerHandlerTest {
    private final NtpServerStats stats = new NtpServerStats();
    private final EmbeddedChannel channel = new EmbeddedChannel(new NtpServerHandler(
            new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, null, -20, NtpResponder.DEFAULT_MAX_LENGTH),
            WallClock.SYSTEM, stats));
    private final InetSocketAddress us = new InetSocketAddress("127.0.0.1", 123);

    private DatagramPacket request(int mode, long xmt, int port) {
        ByteBuf b = Unpooled.buffer(48);
        new NtpPacket(0, 4, mode, 0, 6, -20, 0, 0, 0, 0, 0, 0, xmt).encode(b);
        return new DatagramPacket(b, us, new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void repliesGoBackToEachSenderInOrder() throws Exception {
        for (int i = 0; i < NtpServerHandler.FLUSH_EVERY + 8; i++) {
            channel.writeInbound(request(3, 1000 + i, 20000 + i));
        }
        for (int i = 0; i < NtpServerHandler.FLUSH_EVERY + 8; i++) {
            DatagramPacket out = channel.readOutbound();
            assertThat(out).as("reply %d", i).isNotNull();
            assertThat(out.recipient().getPort()).isEqualTo(20000 + i);
            NtpPacket reply = NtpPacket.decode(out.content(), 48);
            assertThat(reply.mode).isEqualTo(4);
            assertThat(reply.originTimestamp).isEqualTo(1000 + i);
            out.release();
        }
        assertThat(stats.replied()).isEqualTo(NtpServerHandler.FLUSH_EVERY + 8);
    }

    @Test
    void ignoredDatagramsAreReleasedAndCounted() {
        DatagramPacket p = request(6, 1, 20000);
        channel.writeInbound(p);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(p.refCnt()).isZero();
        assertThat(stats.ignored()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(1);
    }
}

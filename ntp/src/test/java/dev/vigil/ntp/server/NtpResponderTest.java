package dev.vigil.ntp.server;

import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.packet.NtpTimestamp;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.TimeSource;
import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NtpResponderTest {
    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    private static ByteBuf request(int li, int vn, int mode, int poll, long xmt) {
        ByteBuf b = Unpooled.buffer(48);
        new NtpPacket(li, vn, mode, 0, poll, -20, 0, 0, 0, 0, 0, 0, xmt).encode(b);
        return b;
    }

    private static NtpPacket answer(NtpResponder r, ByteBuf req, long rx) throws Exception {
        int outcome = r.respond(req, CLIENT, rx);
        assertThat(outcome).isIn(NtpResponder.REPLIED, NtpResponder.KOD_SENT);
        return NtpPacket.decode(req, 48);
    }

    @Test
    void answersClientModeEchoingVersionPollAndTransmitTimestamp() throws Exception {
        NtpResponder r = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, null, -23, 1024);
        for (int vn = 1; vn <= 4; vn++) {
            NtpPacket p = answer(r, request(3, vn, 3, -3, 0x1234_5678_9ABC_DEF0L), System.currentTimeMillis() * 1_000_000L);
            assertThat(p.mode).isEqualTo(4);
            assertThat(p.version).isEqualTo(vn);
            assertThat(p.leap).isZero();
            assertThat(p.poll).isEqualTo(-3);
            assertThat(p.precision).isEqualTo(-23);
            assertThat(p.stratum).isEqualTo(10);
            assertThat(p.referenceId).isEqualTo(NtpPacket.REFID_LOCL);
            assertThat(p.originTimestamp).isEqualTo(0x1234_5678_9ABC_DEF0L);
            assertThat(NtpTimestamp.diffSeconds(p.transmitTimestamp, p.receiveTimestamp)).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void answersSymmetricActiveWithPassiveAndV1ModeZeroAsClient() throws Exception {
        NtpResponder r = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, null, -23, 1024);
        assertThat(answer(r, request(0, 4, 1, 6, 1), 0).mode).isEqualTo(2);
        assertThat(answer(r, request(0, 1, 0, 6, 1), 0).mode).isEqualTo(4);
    }

    @Test
    void ignoresOtherModes() {
        NtpResponder r = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, null, -23, 1024);
        for (int mode : new int[]{0, 2, 4, 5, 6, 7}) {
            assertThat(r.respond(request(0, 4, mode, 6, 1), CLIENT, 0)).isEqualTo(NtpResponder.IGNORED);
        }
    }

    @Test
    void unsynchronizedSourceAnswersLeap3() throws Exception {
        NtpResponder r = new NtpResponder(TimeSource.unsynchronized(), WallClock.SYSTEM, null, -23, 1024);
        NtpPacket p = answer(r, request(0, 4, 3, 6, 1), 0);
        assertThat(p.leap).isEqualTo(3);
        assertThat(p.stratum).isEqualTo(16);
    }

    @Test
    void servesCorrectTimestampsAcrossThe2036Rollover() throws Exception {
        long era1 = Instant.parse("2036-02-07T06:28:16Z").getEpochSecond() * 1_000_000_000L;
        long[] now = {era1 - 500_000_000L};
        WallClock clock = () -> now[0];
        NtpResponder r = new NtpResponder(new LocalClockSource(3, clock), clock, null, -23, 1024);
        ByteBuf req = request(0, 4, 3, 6, 7);
        now[0] = era1 + 250_000_000L;
        NtpPacket p = answer(r, req, era1 - 250_000_000L);
        assertThat(NtpTimestamp.toEpochNanos(p.receiveTimestamp, era1)).isBetween(era1 - 250_000_001L, era1 - 249_999_999L);
        assertThat(NtpTimestamp.toEpochNanos(p.transmitTimestamp, era1)).isBetween(era1 + 249_999_999L, era1 + 250_000_001L);
        assertThat(p.transmitTimestamp >>> 32).isZero(); // era 1, second 0
    }

    @Test
    void rateLimiterSendsAtMostOneKodPerIntervalAndDropsTheRest() throws Exception {
        RateLimiter limiter = new RateLimiter(60_000_000_000L, 4, true, 16);
        NtpResponder r = new NtpResponder(new LocalClockSource(10), WallClock.SYSTEM, limiter, -23, 1024);
        int replied = 0;
        int kod = 0;
        int dropped = 0;
        for (int i = 0; i < 20; i++) {
            ByteBuf req = request(0, 4, 3, 6, 1000 + i);
            int o = r.respond(req, CLIENT, 0);
            if (o == NtpResponder.REPLIED) {
                replied++;
            } else if (o == NtpResponder.KOD_SENT) {
                kod++;
                NtpPacket p = NtpPacket.decode(req, 48);
                assertThat(p.isKissOfDeath()).isTrue();
                assertThat(p.referenceIdAscii()).isEqualTo("RATE");
                assertThat(p.originTimestamp).isEqualTo(1000 + i);
            } else {
                dropped++;
            }
        }
        assertThat(replied).isEqualTo(4);
        assertThat(kod).isEqualTo(1);
        assertThat(dropped).isEqualTo(15);
    }

    @Test
    void rateLimiterTableStaysBoundedAndForgetsTheLeastRecentClient() throws Exception {
        RateLimiter limiter = new RateLimiter(60_000_000_000L, 1, false, 8);
        assertThat(limiter.capacity()).isEqualTo(8);
        for (int i = 0; i < 10_000; i++) {
            limiter.check(InetAddress.getByAddress(new byte[]{10, 1, (byte) (i >> 8), (byte) i}), i);
        }
        InetAddress fresh = InetAddress.getByAddress(new byte[]{10, 9, 9, 9});
        assertThat(limiter.check(fresh, 20_000)).isEqualTo(RateLimiter.ANSWER);
        assertThat(limiter.check(fresh, 20_001)).isEqualTo(RateLimiter.DROP);
    }
}

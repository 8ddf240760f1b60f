package dev.vigil.ntp;

import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.client.NtpQuery;
import dev.vigil.ntp.client.NtpSample;
import dev.vigil.ntp.server.NtpResponder;
import dev.vigil.ntp.server.NtpServer;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.WallClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over the wire across the 2036 rollover: a Vigil server whose clock reads a few seconds after
 * 2036-02-07T06:28:16Z (NTP era 1, seconds field wrapped to ~0) is measured by chronyd -Q and by
 * Vigil's client, running on today's clock; both must see exactly that shift.
 */
class EraRolloverTest {
    @Test
    void clientsSeeTheRightOffsetToAServerInEra1() throws Exception {
        long era1 = Instant.parse("2036-02-07T06:28:16Z").getEpochSecond() * 1_000_000_000L;
        long shift = era1 + 20_000_000_000L - WallClock.SYSTEM.epochNanos();
        WallClock future = () -> WallClock.SYSTEM.epochNanos() + shift;
        NtpResponder responder = new NtpResponder(new LocalClockSource(10, future), future, null, -20,
                NtpResponder.DEFAULT_MAX_LENGTH);
        try (NtpServer server = NtpServer.start(List.of(InetAddress.getByName("127.0.0.1")), 0, 1, responder, future)) {
            NtpSample ours = new NtpQuery(new NtpClient(WallClock.SYSTEM, 1000), 4, 10)
                    .bestOf(new InetSocketAddress("127.0.0.1", server.port()));
            assertThat(ours.accepted()).as(ours.toString()).isTrue();
            assertThat(ours.reply.transmitTimestamp >>> 32).isLessThan(120); // the wrapped seconds field
            assertThat(ours.offset - shift * 1e-9).isBetween(-0.001, 0.001);

            Peers.require(ChronydPeer.CHRONYD);
            Path d = Files.createTempDirectory("vigil-ntp-era");
            Peers.Result r = Peers.run(List.of(ChronydPeer.CHRONYD, "-Q", "-u", "root", "-t", "10",
                    "server 127.0.0.1 port " + server.port() + " iburst minpoll -4 maxpoll -4 maxsamples 4",
                    "pidfile " + d.resolve("chronyd.pid")), 30);
            Matcher m = Pattern.compile("System clock wrong by (-?[0-9.]+) seconds").matcher(r.output);
            assertThat(m.find()).as(r.output).isTrue();
            assertThat(Double.parseDouble(m.group(1)) - shift * 1e-9).as(r.output).isBetween(-0.001, 0.001);
        }
    }
}

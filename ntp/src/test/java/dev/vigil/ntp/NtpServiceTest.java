package dev.vigil.ntp;

import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.client.NtpQuery;
import dev.vigil.ntp.client.NtpSample;
import dev.vigil.ntp.packet.NtpPacket;
import dev.vigil.ntp.source.WallClock;
import dev.vigil.ntp.sync.PeerStatus;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The service end to end: real upstreams (chronyd, the oracle toy server, Vigil itself), real sockets. */
class NtpServiceTest {
    private final NtpClient client = new NtpClient(WallClock.SYSTEM, 1000);

    static NtpConfig fastConfig() {
        NtpConfig c = new NtpConfig();
        c.setPort(0);
        c.setBindAddresses(List.of("127.0.0.1"));
        c.setMinPoll(-3);
        c.setMaxPoll(-2);
        c.setQueryTimeoutMillis(500);
        c.setThreads(1);
        return c;
    }

    static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    /** RFC 5905's filter starts with 7 empty stages at MAXDISP: root dispersion is honest only once it fills. */
    static void awaitFullFilter(NtpService s) throws InterruptedException {
        await(() -> s.synchronizedToUpstream() && s.servedTime().rootDispersion < 0.05, 15_000);
    }

    /** Best of four exchanges, as ntpdate does: one exchange on a loaded 2-core box can be delayed. */
    private NtpSample ask(NtpService s) throws Exception {
        return new NtpQuery(client, 4, 10).bestOf(new InetSocketAddress("127.0.0.1", s.port()));
    }

    @Test
    void withNeitherUpstreamNorLocalStratumItAnswersUnsynchronized() throws Exception {
        try (NtpService s = NtpService.start(fastConfig())) {
            NtpSample r = ask(s);
            assertThat(r.rejection).isEqualTo("unsynchronized (leap indicator 3)");
            assertThat(s.synchronizedClock()).isFalse();
        }
    }

    @Test
    void localStratumServesLocl() throws Exception {
        NtpConfig c = fastConfig();
        c.setLocalStratum(5);
        try (NtpService s = NtpService.start(c)) {
            NtpSample r = ask(s);
            assertThat(r.accepted()).as(r.toString()).isTrue();
            assertThat(r.reply.stratum).isEqualTo(5);
            assertThat(r.reply.referenceIdAscii()).isEqualTo("LOCL");
            assertThat(Math.abs(r.offset)).isLessThan(0.001);
        }
    }

    @Test
    void synchronizesToChronydAtStratumPlusOneWithItsAddressAsRefid() throws Exception {
        try (ChronydPeer chronyd = ChronydPeer.start(10)) {
            NtpConfig c = fastConfig();
            c.setServers(List.of("127.0.0.1:" + chronyd.port));
            try (NtpService s = NtpService.start(c)) {
                awaitFullFilter(s);
                assertThat(s.synchronizedToUpstream()).as(s.peers().toString()).isTrue();
                NtpSample r = new NtpQuery(client, 4, 10).bestOf(new InetSocketAddress("127.0.0.1", s.port()));
                assertThat(r.accepted()).as(r.toString()).isTrue();
                assertThat(r.reply.stratum).isEqualTo(11);
                assertThat(r.reply.referenceId).isEqualTo(0x7F000001);
                assertThat(r.reply.rootDelaySeconds()).isGreaterThan(0).isLessThan(0.01);
                assertThat(r.reply.rootDispersionSeconds()).isGreaterThan(0).isLessThan(0.1);
                assertThat(Math.abs(r.offset)).isLessThan(0.001);
                assertThat(Math.abs(s.currentOffset())).isLessThan(0.001);
            }
        }
    }

    @Test
    void servesTheSystemClockCorrectedByTheUpstreamOffset() throws Exception {
        try (FakeServer ahead = FakeServer.start("--offset", "0.25", "--stratum", "2")) {
            NtpConfig c = fastConfig();
            c.setServers(List.of("127.0.0.1:" + ahead.port));
            try (NtpService s = NtpService.start(c)) {
                await(s::synchronizedToUpstream, 10_000);
                assertThat(s.currentOffset()).isBetween(0.245, 0.255);
                NtpSample r = ask(s);
                assertThat(r.accepted()).as(r.toString()).isTrue();
                assertThat(r.reply.stratum).isEqualTo(3);
                assertThat(r.offset).isBetween(0.245, 0.255);
            }
        }
    }

    @Test
    void outvotesAFalseticker() throws Exception {
        try (ChronydPeer chronyd = ChronydPeer.start(3); FakeServer good = FakeServer.start("--stratum", "2");
             FakeServer liar = FakeServer.start("--offset", "3.0", "--stratum", "1", "--refid", "GPS")) {
            NtpConfig c = fastConfig();
            c.setServers(List.of("127.0.0.1:" + chronyd.port, "127.0.0.1:" + good.port, "127.0.0.1:" + liar.port));
            try (NtpService s = NtpService.start(c)) {
                awaitFullFilter(s);
                assertThat(Math.abs(s.currentOffset())).as(s.peers().toString().replace("), ", ")\n")).isLessThan(0.005);
                NtpSample r = ask(s);
                assertThat(r.accepted()).isTrue();
                assertThat(Math.abs(r.offset)).isLessThan(0.005);
            }
        }
    }

    @Test
    void refidOfAnIpv6UpstreamMatchesChronyds() throws Exception {
        NtpConfig up = new NtpConfig();
        up.setPort(0);
        up.setBindAddresses(List.of("::1"));
        up.setLocalStratum(4);
        up.setThreads(1);
        try (NtpService upstream = NtpService.start(up);
             ChronydPeer chronyd = ChronydPeer.start(10,
                     "server ::1 port " + upstream.port() + " iburst minpoll -4 maxpoll -4")) {
            NtpConfig c = fastConfig();
            c.setServers(List.of("[::1]:" + upstream.port()));
            try (NtpService s = NtpService.start(c)) {
                awaitFullFilter(s);
                InetSocketAddress chronydAddr = new InetSocketAddress("127.0.0.1", chronyd.port);
                NtpSample theirs = client.query(chronydAddr);
                for (int i = 0; i < 100 && (!theirs.accepted() || theirs.reply.stratum != 5); i++) {
                    Thread.sleep(100);
                    theirs = client.query(chronydAddr);
                }
                assertThat(theirs.accepted()).as(theirs.toString()).isTrue();
                assertThat(theirs.reply.stratum).isEqualTo(5);
                NtpSample ours = ask(s);
                assertThat(ours.reply.stratum).isEqualTo(5);
                assertThat(ours.reply.referenceId).isEqualTo(theirs.reply.referenceId); // MD5 of ::1, first 4 bytes
            }
        }
    }

    @Test
    void aPoolNameBecomesSeveralSources() throws Exception {
        NtpConfig up = new NtpConfig();
        up.setPort(0);
        up.setBindAddresses(List.of("0.0.0.0"));
        up.setLocalStratum(4);
        up.setThreads(1);
        try (NtpService upstream = NtpService.start(up)) {
            NtpConfig c = fastConfig();
            c.setPools(List.of("pool.vigil.test:" + upstream.port()));
            try (NtpService s = NtpService.start(c)) {
                List<PeerStatus> peers = s.peers();
                assertThat(peers).extracting(p -> p.address.getAddress().getHostAddress())
                        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
                await(s::synchronizedToUpstream, 10_000);
                NtpSample r = ask(s);
                assertThat(r.accepted()).isTrue();
                assertThat(r.reply.stratum).isEqualTo(5);
            }
        }
    }

    @Test
    void aNameThatDoesNotResolveIsSkippedNotFatal() throws Exception {
        NtpConfig c = fastConfig();
        c.setServers(List.of("no-such-host.invalid"));
        c.setPools(List.of("no-such-pool.invalid"));
        c.setLocalStratum(7);
        try (NtpService s = NtpService.start(c)) {
            assertThat(s.peers()).isEmpty();
            NtpSample r = ask(s);
            assertThat(r.accepted()).isTrue();
            assertThat(r.reply.stratum).isEqualTo(7);
        }
    }

    @Test
    void fallsBackToLocalStratumWhenTheUpstreamNeverAnswers() throws Exception {
        NtpConfig c = fastConfig();
        c.setServers(List.of("127.0.0.1:" + ChronydPeer.freeUdpPort()));
        c.setLocalStratum(8);
        try (NtpService s = NtpService.start(c)) {
            Thread.sleep(600);
            NtpSample r = ask(s);
            assertThat(r.accepted()).isTrue();
            assertThat(r.reply.stratum).isEqualTo(8);
            assertThat(r.reply.referenceId).isEqualTo(NtpPacket.REFID_LOCL);
            assertThat(s.peers().get(0).problem).startsWith("unreachable");
        }
    }
}

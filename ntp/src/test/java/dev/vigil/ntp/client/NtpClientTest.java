package dev.vigil.ntp.client;

import dev.vigil.ntp.ChronydPeer;
import dev.vigil.ntp.FakeServer;
import dev.vigil.ntp.Peers;
import dev.vigil.ntp.source.WallClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NtpClientTest {
    private final NtpClient client = new NtpClient(WallClock.SYSTEM, 1000);

    private NtpSample ask(int port) throws Exception {
        return client.query(new InetSocketAddress("127.0.0.1", port));
    }

    @Test
    void rejectsLeap3() throws Exception {
        try (FakeServer s = FakeServer.start("--li", "3")) {
            assertThat(ask(s.port).rejection).isEqualTo("unsynchronized (leap indicator 3)");
        }
    }

    @Test
    void rejectsKissOfDeath() throws Exception {
        try (FakeServer s = FakeServer.start("--kod", "RATE")) {
            assertThat(ask(s.port).rejection).isEqualTo("kiss-o'-death RATE");
        }
    }

    @Test
    void rejectsStratum16() throws Exception {
        try (FakeServer s = FakeServer.start("--stratum", "16")) {
            assertThat(ask(s.port).rejection).isEqualTo("stratum 16 (unsynchronized)");
        }
    }

    @Test
    void rejectsAWrongOrigin() throws Exception {
        try (FakeServer s = FakeServer.start("--no-echo")) {
            assertThat(ask(s.port).rejection).isEqualTo("wrong origin timestamp (not a reply to our request)");
        }
    }

    @Test
    void measuresAKnownOffset() throws Exception {
        try (FakeServer s = FakeServer.start("--offset", "0.25")) {
            NtpSample sample = ask(s.port);
            assertThat(sample.accepted()).as(sample.toString()).isTrue();
            assertThat(sample.offset).isBetween(0.245, 0.255);
        }
    }

    @Test
    void agreesWithNtpdigAgainstChronydWithinOneMillisecond() throws Exception {
        Peers.require("/usr/bin/ntpdig");
        try (ChronydPeer chronyd = ChronydPeer.start(10)) {
            // ntpdig takes one sample per run: like ntpdate's best of 4, keep the run with the smallest error bound
            double theirs = Double.NaN;
            double bestErr = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                Peers.Result dig = Peers.run(List.of("/usr/bin/python3", Peers.oracle("ntpdig-port.py").toString(),
                        Integer.toString(chronyd.port), "127.0.0.1"), 30);
                Matcher m = Pattern.compile("\\(\\S+\\) ([+-][0-9.]+) \\+/- (\\S+) 127\\.0\\.0\\.1 s10").matcher(dig.output);
                assertThat(m.find()).as(dig.output).isTrue();
                if (Double.parseDouble(m.group(2)) < bestErr) {
                    bestErr = Double.parseDouble(m.group(2));
                    theirs = Double.parseDouble(m.group(1));
                }
            }
            NtpSample ours = new NtpQuery(client, 4, 50).bestOf(new InetSocketAddress("127.0.0.1", chronyd.port));
            assertThat(ours.accepted()).as(ours.toString()).isTrue();
            assertThat(ours.reply.stratum).isEqualTo(10);
            assertThat(Math.abs(ours.offset - theirs)).as("vigil %f ntpdig %f", ours.offset, theirs).isLessThan(0.001);
        }
    }

    @Test
    void queryPrintsNtpdateStyleLinesAndTheChosenOffset() throws Exception {
        try (ChronydPeer chronyd = ChronydPeer.start(10); FakeServer unsync = FakeServer.start("--li", "3")) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            int rc = new NtpQuery(client, 2, 20).run(List.of(ServerAddress.parse("127.0.0.1:" + chronyd.port, 123),
                    ServerAddress.parse("127.0.0.1:" + unsync.port, 123)), new java.io.PrintWriter(new PrintStream(buf, true, StandardCharsets.UTF_8), true));
            List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(rc).isZero();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).matches("server 127\\.0\\.0\\.1:" + chronyd.port
                    + ", stratum 10, offset -?0\\.000\\d{3}, delay 0\\.\\d{5}");
            assertThat(lines.get(1)).isEqualTo("server 127.0.0.1:" + unsync.port
                    + ", stratum 2, rejected: unsynchronized (leap indicator 3)");
            assertThat(lines.get(2)).matches("\\d+ \\w{3} \\d\\d:\\d\\d:\\d\\d vigil\\[\\d+\\]: adjust time server 127\\.0\\.0\\.1 offset -?0\\.000\\d{3} sec");
        }
    }

    @Test
    void queryExitsNonZeroWhenNoneAnswers() throws Exception {
        int port = ChronydPeer.freeUdpPort();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = new NtpQuery(new NtpClient(WallClock.SYSTEM, 300), 1, 0).run(
                List.of(ServerAddress.parse("127.0.0.1:" + port, 123)), new java.io.PrintWriter(new PrintStream(buf, true, StandardCharsets.UTF_8), true));
        assertThat(rc).isEqualTo(1);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("server 127.0.0.1:" + port + ", no answer")
                .contains("no server suitable for synchronization found");
    }

    @Test
    void parsesHostPortForms() {
        assertThat(ServerAddress.parse("[::1]:11123", 123).toString()).isEqualTo("[::1]:11123");
        assertThat(ServerAddress.parse("::1", 123).port).isEqualTo(123);
        assertThat(ServerAddress.parse("time.example:5", 123).host).isEqualTo("time.example");
    }
}

package dev.vigil.ntp.server;

import dev.vigil.ntp.Peers;
import dev.vigil.ntp.source.LocalClockSource;
import dev.vigil.ntp.source.PrecisionMeter;
import dev.vigil.ntp.source.WallClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the oracle kit's 33 edge cases against Vigil and compares the summary with the one recorded
 * from chronyd 4.3 serving local stratum 10. Deliberate differences are listed (and explained in
 * docs/ntp.md); everything else must match line for line.
 */
class NtpServerCheckPacketTest {
    /** Case name to Vigil's line where Vigil deliberately differs from chronyd 4.3. None so far. */
    static final Map<String, String> DELIBERATE = Map.of();

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void summaryMatchesChronyd43ExceptDeliberateDifferences(boolean nativePath) throws Exception {
        Peers.require("/usr/bin/python3");
        ServerPaths.assumePath(nativePath);
        WallClock clock = WallClock.SYSTEM;
        NtpResponder responder = new NtpResponder(new LocalClockSource(10), clock, null,
                PrecisionMeter.measure(clock), NtpResponder.DEFAULT_MAX_LENGTH);
        try (NtpServer server = ServerPaths.with(nativePath, () ->
                NtpServer.start(List.of(InetAddress.getByName("127.0.0.1")), 0, 1, responder, clock))) {
            assertThat(server.isNative()).isEqualTo(nativePath);
            Peers.Result r = Peers.run(List.of("/usr/bin/python3", Peers.oracle("check-packet.py").toString(),
                    "--summary", "127.0.0.1", Integer.toString(server.port())), 120);
            assertThat(r.exit).as(r.output).isZero();
            List<String> expected = Files.readAllLines(Peers.oracle("expected/chronyd-4.3-local-stratum10.summary"));
            List<String> actual = r.output.lines().toList();
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                String name = expected.get(i).split("\\s+")[0];
                String want = DELIBERATE.getOrDefault(name, expected.get(i));
                assertThat(actual.get(i)).as("case %s", name).isEqualTo(want);
            }
            assertThat(server.stats().received()).isGreaterThan(80);
        }
    }
}

package dev.vigil.ntp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real clients of the lab accept Vigil's replies (local stratum 10) with |offset| below 1 ms on
 * loopback: chronyd -Q, ntpdig and ntpdate -q from ntpsec, and python3-ntplib (v3 and v4).
 */
class RealClientsTest {
    private static NtpService vigil;
    private static Path tmp;

    /** With the default path: the native fast path when it was built ({@link RealClientsNettyTest}: Netty). */
    @BeforeAll
    static void start() throws Exception {
        startWith(true);
    }

    static void startWith(boolean nativePath) throws Exception {
        vigil = dev.vigil.ntp.server.ServerPaths.with(nativePath, RealClientsTest::startService);
        assertThat(vigil.isNativePath()).isEqualTo(nativePath && dev.vigil.ntp.server.ServerPaths.nativeBuilt());
        tmp = Files.createTempDirectory("vigil-ntp-clients");
        // warm the reply path so the first client's sample is not the JIT's
        dev.vigil.ntp.client.NtpClient warm = new dev.vigil.ntp.client.NtpClient(dev.vigil.ntp.source.WallClock.SYSTEM, 500);
        for (int i = 0; i < 2000; i++) {
            warm.query(new java.net.InetSocketAddress("127.0.0.1", vigil.port()));
        }
    }

    private static NtpService startService() throws Exception {
        NtpConfig c = new NtpConfig();
        c.setPort(0);
        c.setBindAddresses(List.of("127.0.0.1"));
        c.setLocalStratum(10);
        c.setThreads(1);
        return NtpService.start(c);
    }

    @AfterAll
    static void stop() {
        vigil.close();
    }

    private static double offset(Pattern p, String output) {
        Matcher m = p.matcher(output);
        assertThat(m.find()).as(output).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void chronydInQueryModeAcceptsVigil() throws Exception {
        Peers.require(ChronydPeer.CHRONYD);
        Path d = Files.createDirectories(tmp.resolve("chronyd"));
        Peers.Result r = Peers.run(List.of(ChronydPeer.CHRONYD, "-Q", "-u", "root", "-t", "10",
                "server 127.0.0.1 port " + vigil.port() + " iburst minpoll -4 maxpoll -4 maxsamples 4",
                "logdir " + d, "log rawmeasurements", "pidfile " + d.resolve("chronyd.pid")), 30);
        double wrong = offset(Pattern.compile("System clock wrong by (-?[0-9.]+) seconds"), r.output);
        assertThat(Math.abs(wrong)).as(r.output).isLessThan(0.001);
        String log = Files.readString(d.resolve("measurements.log"));
        assertThat(log).containsPattern("127\\.0\\.0\\.1 +N 10 111 111 1111 ");
    }

    /** ntpdig line: date time (zone) offset +/- error host sN leap. */
    private static final Pattern DIG = Pattern.compile("\\(\\S+\\) ([+-][0-9.]+) \\+/- (\\S+) 127\\.0\\.0\\.1 s10 no-leap");

    /**
     * ntpdig (and the ntpdate shim over it) takes a single sample per run. On this shared 2-core box
     * a run can be delayed by other work (Vigil stamps receive time in user space, after the event
     * loop wakes: see docs/ntp.md), so, as classic ntpdate's {@code -p 8} (best of 8 samples), eight runs
     * are made and the one with the smallest error bound counts. Every run must be accepted.
     */
    private static double bestDigOffset(List<String> cmd, Map<String, String> env) throws Exception {
        double bestErr = Double.MAX_VALUE;
        double bestOff = Double.NaN;
        for (int i = 0; i < 8; i++) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            Matcher m = DIG.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            double err = Double.parseDouble(m.group(2));
            if (err < bestErr) {
                bestErr = err;
                bestOff = Double.parseDouble(m.group(1));
            }
        }
        return bestOff;
    }

    @Test
    void ntpdigAcceptsVigil() throws Exception {
        Peers.require("/usr/bin/ntpdig");
        double off = bestDigOffset(List.of("/usr/bin/python3", Peers.oracle("ntpdig-port.py").toString(),
                Integer.toString(vigil.port()), "127.0.0.1"), Map.of());
        assertThat(Math.abs(off)).isLessThan(0.001);
    }

    @Test
    void ntpdateQueryAcceptsVigil() throws Exception {
        Peers.require("/usr/sbin/ntpdate");
        Peers.require("/usr/bin/ntpdig");
        Path shim = Files.createDirectories(tmp.resolve("shim"));
        Path dig = shim.resolve("ntpdig");
        Files.writeString(dig, "#!/bin/sh\nexec /usr/bin/python3 " + Peers.oracle("ntpdig-port.py") + " "
                + vigil.port() + " \"$@\"\n");
        assertThat(dig.toFile().setExecutable(true)).isTrue();
        double off = bestDigOffset(List.of("/usr/sbin/ntpdate", "-q", "127.0.0.1"),
                Map.of("PATH", shim + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        assertThat(Math.abs(off)).isLessThan(0.001);
    }

    @Test
    void ntplibAcceptsVigilInVersions3And4() throws Exception {
        Peers.requirePythonModule("ntplib");
        for (String v : new String[]{"3", "4"}) {
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c",
                    "import sys, ntplib\n"
                            + "best = min((ntplib.NTPClient().request('127.0.0.1', version=int(sys.argv[2]), port=int(sys.argv[1]), timeout=2)"
                            + " for _ in range(4)), key=lambda r: r.delay)\n"
                            + "print('leap=%d version=%d mode=%d stratum=%d offset=%.9f' % (best.leap, best.version, best.mode, best.stratum, best.offset))\n",
                    Integer.toString(vigil.port()), v));
            Peers.Result r = Peers.run(cmd, 30);
            assertThat(r.exit).as(r.output).isZero();
            assertThat(r.output).contains("leap=0 version=" + v + " mode=4 stratum=10");
            assertThat(Math.abs(offset(Pattern.compile("offset=(-?[0-9.]+)"), r.output))).isLessThan(0.001);
        }
    }
}

package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node serves the site's time: python3-ntplib accepts a node configured with a local stratum. */
class NtpWiringTest {
    @TempDir
    Path dir;

    @Test
    void nodeServesTimeThatNtplibAccepts() throws Exception {
        Peers.require("python3");
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import ntplib").start();
        Assumptions.assumeTrue(check.waitFor() == 0, "skipped: python3-ntplib not installed");
        try (RunningServer s = new RunningServer(dir, c -> {
            c.ntpEnabled = true;
            c.ntpPort = 0;
            c.ntpLocalStratum = 10;
        })) {
            int port = s.port("ntp");
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import ntplib\n"
                    + "r = ntplib.NTPClient().request('127.0.0.1', port=" + port + ", version=4, timeout=5)\n"
                    + "print(r.stratum, ntplib.ref_id_to_text(r.ref_id, 1), r.leap, abs(r.offset) < max(0.01, r.delay), r.offset)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            // stratum 10, refid LOCL (ntplib names it "uncalibrated local clock"), no leap warning, offset within the delay
            assertThat(out).startsWith("10 uncalibrated local clock 0 True ");
        }
    }
}

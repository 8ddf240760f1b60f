package dev.vigil.core.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.event.SyslogTime;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeFormatsTest {
    @Test
    void rfc3164AsBytesIsTheStringForm() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        Random r = new Random(seed);
        byte[] out = new byte[TimeFormats.RFC3164_MAX + 3];
        for (int i = 0; i < 10_000; i++) {
            SyslogTime t = new SyslogTime(1970 + r.nextInt(100), 1 + r.nextInt(12), 1 + r.nextInt(31), r.nextInt(24),
                    r.nextInt(60), r.nextInt(61), 0, 0, 0, false);
            int n = TimeFormats.rfc3164(t, out, 3);
            assertThat(new String(out, 3, n, StandardCharsets.US_ASCII)).as("-Dtests.seed=%d: %s", seed, t)
                    .isEqualTo(TimeFormats.rfc3164(t));
        }
    }
}

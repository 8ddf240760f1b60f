package dev.vigil.search.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Time modifiers per the Search Reference "Time modifiers": offsets, @snap, @w0..@w7, absolute
 * %m/%d/%Y:%H:%M:%S. Expected instants come from GNU date in the same zone.
 */
class RelativeTimeTest {
    static final Instant NOW = Instant.parse("2024-03-13T15:47:23Z"); // a Wednesday
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static long date(String spec) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "TZ=Europe/Paris date -d '" + spec + "' +%s").start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        Assumptions.assumeTrue(p.waitFor() == 0, "skipped: date not installed");
        return Long.parseLong(out);
    }

    static long resolve(String spec) {
        return (long) RelativeTime.resolve(spec, NOW, PARIS);
    }

    @Test
    void offsetsAndSnapsEqualGnuDate() throws Exception {
        // NOW is 16:47:23 in Paris (UTC+1 in March before DST)
        assertThat(resolve("-24h@h")).isEqualTo(date("2024-03-12 16:00:00"));
        assertThat(resolve("@d")).isEqualTo(date("2024-03-13 00:00:00"));
        assertThat(resolve("-7d@w1")).isEqualTo(date("2024-03-04 00:00:00")); // Monday of the week 7 days ago
        assertThat(resolve("@w0")).isEqualTo(date("2024-03-10 00:00:00"));  // Sunday
        assertThat(resolve("@d+8h")).isEqualTo(date("2024-03-13 08:00:00"));
        assertThat(resolve("-1mon@mon")).isEqualTo(date("2024-02-01 00:00:00"));
        assertThat(resolve("@q")).isEqualTo(date("2024-01-01 00:00:00"));
        assertThat(resolve("-2y@y")).isEqualTo(date("2022-01-01 00:00:00"));
        assertThat(resolve("-30m")).isEqualTo(date("2024-03-13 16:17:23"));
        assertThat(resolve("+1d")).isEqualTo(date("2024-03-14 16:47:23"));
    }

    @Test
    void absoluteEpochAndNow() throws Exception {
        assertThat(resolve("03/01/2024:08:30:00")).isEqualTo(date("2024-03-01 08:30:00"));
        assertThat(resolve("1700000000")).isEqualTo(1700000000L);
        assertThat(resolve("now")).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void rejectsMalformedModifiersSayingWhatWasExpected() {
        assertThatThrownBy(() -> resolve("-3x")).hasMessageContaining("unknown time unit 'x'");
        assertThatThrownBy(() -> resolve("13/45/2024:00:00:00")).hasMessageContaining("expected %m/%d/%Y:%H:%M:%S");
        assertThatThrownBy(() -> resolve("yesterday")).hasMessageContaining("expected now, an epoch time");
        assertThatThrownBy(() -> resolve("@w9")).hasMessageContaining("@w0 (Sunday) to @w7");
    }
}

package dev.vigil.ntp.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClockFilterTest {
    @Test
    void choosesTheLowestDelaySampleAmongTheLastEight() {
        ClockFilter f = new ClockFilter();
        double[] offsets = {0.010, 0.004, 0.030, 0.002, 0.020, 0.015, 0.011, 0.012, 0.013};
        double[] delays = {0.050, 0.010, 0.090, 0.040, 0.060, 0.070, 0.080, 0.085, 0.095};
        long t = 1_000_000_000L;
        for (int i = 0; i < offsets.length; i++) {
            f.add(offsets[i], delays[i], 1e-6, t + i * 1_000_000_000L, 1e-7);
        }
        // the first sample (delay 0.050) has been shifted out; the 0.010-delay one remains best
        assertThat(f.offset()).isEqualTo(0.004);
        assertThat(f.delay()).isEqualTo(0.010);
        assertThat(f.samples()).isEqualTo(8);
        assertThat(f.jitter()).isGreaterThan(0);
        assertThat(f.dispersion()).isLessThan(0.01);
    }

    @Test
    void dispersionStartsHighAndFallsAsSamplesArrive() {
        ClockFilter f = new ClockFilter();
        f.add(0.001, 0.001, 1e-6, 1_000_000_000L, 1e-7);
        double first = f.dispersion();
        for (int i = 1; i < 8; i++) {
            f.add(0.001, 0.001, 1e-6, 1_000_000_000L + i * 1_000_000L, 1e-7);
        }
        assertThat(first).isGreaterThan(7.0); // 7 empty stages at MAXDISP weigh in
        assertThat(f.dispersion()).isLessThan(1e-4);
    }

    @Test
    void doesNotReuseAnOlderSample() {
        ClockFilter f = new ClockFilter();
        assertThat(f.add(0.001, 0.001, 1e-6, 1_000_000_000L, 1e-7)).isTrue();
        // a worse (higher delay) sample: the best is still the old one, so no new estimate
        assertThat(f.add(0.002, 0.005, 1e-6, 2_000_000_000L, 1e-7)).isFalse();
    }
}

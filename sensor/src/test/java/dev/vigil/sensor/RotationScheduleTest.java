package dev.vigil.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Live logs rotate on multiples of the interval counted from local midnight, as Zeek aligns rotation. */
class RotationScheduleTest {
    private static long at(int h, int m, int s) {
        return LocalDateTime.of(2026, 3, 1, h, m, s).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    @Test
    void nextRotationIsTheNextAlignedBoundary() {
        assertThat(Sensor.nextRotation(at(10, 17, 5), 3600)).isEqualTo(at(11, 0, 0));
        assertThat(Sensor.nextRotation(at(10, 17, 5), 600)).isEqualTo(at(10, 20, 0));
        assertThat(Sensor.nextRotation(at(11, 0, 0), 3600)).isEqualTo(at(12, 0, 0));
        assertThat(Sensor.nextRotation(at(23, 30, 0), 86_400))
                .isEqualTo(LocalDateTime.of(2026, 3, 2, 0, 0).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        assertThat(Sensor.nextRotation(at(10, 0, 0), 0)).isEqualTo(Long.MAX_VALUE);
    }
}

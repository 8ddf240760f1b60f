package dev.vigil.ntp.skew;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClockSkewTrackerTest {
    private static final long S = 1_000_000_000L;

    @Test
    void firesOnceWhenTheMedianCrossesAndOnceWhenItReturns() {
        ClockSkewTracker t = new ClockSkewTracker(5, 600 * S, 2.0, 10);
        List<SkewCrossing> events = new ArrayList<>();
        long now = 1_000 * S;
        double[] skews = {0.1, 0.2, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5, 0.1, 0.1, 0.1, 0.1};
        for (double s : skews) {
            now += S;
            t.recordMessage("web1", now + (long) (s * S), now).ifPresent(events::add);
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0).above).isTrue();
        assertThat(events.get(0).message()).isEqualTo("clock of web1 is 3.00 s ahead (threshold 2.00 s)");
        assertThat(events.get(1).above).isFalse();
    }

    @Test
    void aSingleOutlierDoesNotMoveTheMedian() {
        ClockSkewTracker t = new ClockSkewTracker(9, 600 * S, 2.0, 10);
        long now = 1_000 * S;
        for (int i = 0; i < 8; i++) {
            assertThat(t.record("db", 0.05, now += S)).isEmpty();
        }
        assertThat(t.record("db", -3600, now += S)).isEmpty(); // a replayed old message
        assertThat(t.host("db").orElseThrow().medianSeconds).isEqualTo(0.05);
    }

    @Test
    void oldSamplesLeaveTheWindow() {
        ClockSkewTracker t = new ClockSkewTracker(100, 60 * S, 2.0, 10);
        long now = 0;
        for (int i = 0; i < 10; i++) {
            t.record("h", 5.0, now += S);
        }
        Optional<SkewCrossing> back = Optional.empty();
        for (int i = 0; i < 3 && back.isEmpty(); i++) {
            back = t.record("h", 0.0, now += 120 * S);
        }
        assertThat(back).isPresent();
        assertThat(t.host("h").orElseThrow().samples).isEqualTo(1);
    }

    @Test
    void agentOffsetsCountWithTheOppositeSign() {
        ClockSkewTracker t = new ClockSkewTracker(1, 60 * S, 2.0, 10);
        SkewCrossing c = t.recordNtpOffset("agent7", 2.5, S).orElseThrow(); // server is 2.5 s ahead of the agent
        assertThat(c.medianSeconds).isEqualTo(-2.5);
        assertThat(c.message()).isEqualTo("clock of agent7 is 2.50 s behind (threshold 2.00 s)");
    }

    @Test
    void tracksABoundedNumberOfHostsForgettingTheLeastRecent() {
        ClockSkewTracker t = new ClockSkewTracker(4, 60 * S, 2.0, 3);
        t.record("a", 0, 1);
        t.record("b", 0, 2);
        t.record("c", 0, 3);
        t.record("a", 0, 4);
        t.record("d", 0, 5);
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.snapshot()).extracting(h -> h.host).containsExactly("c", "a", "d");
    }
}

package dev.vigil.ntp.packet;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NtpTimestampTest {
    /** RFC 5905 §6: era 1 begins at 2036-02-07T06:28:16Z, when the 32-bit seconds wrap. */
    private static final long ERA1_NANOS = Instant.parse("2036-02-07T06:28:16Z").getEpochSecond() * 1_000_000_000L;

    @Test
    void roundTripsTodayWithinOneNanosecond() {
        long now = Instant.parse("2026-11-26T17:30:00.123456789Z").getEpochSecond() * 1_000_000_000L + 123_456_789;
        long raw = NtpTimestamp.fromEpochNanos(now);
        assertThat(NtpTimestamp.toEpochNanos(raw, now + 3_600_000_000_000L)).isBetween(now - 1, now + 1);
    }

    @Test
    void secondsWrapToZeroAtTheStartOfEra1() {
        assertThat(NtpTimestamp.fromEpochNanos(ERA1_NANOS)).isZero();
        assertThat(NtpTimestamp.era(ERA1_NANOS - 1)).isZero();
        assertThat(NtpTimestamp.era(ERA1_NANOS)).isEqualTo(1);
    }

    @Test
    void decodesEra1TimestampsWithAPivotJustBeforeTheRollover() {
        long after = ERA1_NANOS + 5_000_000_000L;
        long raw = NtpTimestamp.fromEpochNanos(after);
        assertThat(raw >>> 32).isEqualTo(5);
        assertThat(NtpTimestamp.toEpochNanos(raw, ERA1_NANOS - 10_000_000_000L)).isEqualTo(after);
    }

    @Test
    void decodesEra0TimestampsWithAPivotJustAfterTheRollover() {
        long before = ERA1_NANOS - 2_000_000_000L;
        long raw = NtpTimestamp.fromEpochNanos(before);
        assertThat(NtpTimestamp.toEpochNanos(raw, ERA1_NANOS + 60_000_000_000L)).isEqualTo(before);
    }

    @Test
    void differencesAcrossTheRolloverAreSmall() {
        long a = NtpTimestamp.fromEpochNanos(ERA1_NANOS + 1_500_000_000L);
        long b = NtpTimestamp.fromEpochNanos(ERA1_NANOS - 500_000_000L);
        assertThat(NtpTimestamp.diffSeconds(a, b)).isCloseTo(2.0, within(1e-9));
        assertThat(NtpTimestamp.diffSeconds(b, a)).isCloseTo(-2.0, within(1e-9));
    }

    @Test
    void shortFormatRoundsUpAndSaturates() {
        assertThat(NtpTimestamp.toShort(1.0)).isEqualTo(0x10000);
        assertThat(NtpTimestamp.fromShort(NtpTimestamp.toShort(0.000123))).isGreaterThanOrEqualTo(0.000123);
        assertThat(NtpTimestamp.toShort(-3)).isZero();
        assertThat(NtpTimestamp.toShort(1e9)).isEqualTo(-1);
        assertThat(NtpTimestamp.fromShort(-1)).isCloseTo(65536.0, within(1e-4));
    }
}

package dev.vigil.sensor.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ZeekLogWriterTest {
    static final LogSchema S = LogSchema.of("test", "ts", "time", "s", "string", "n", "count", "b", "bool",
            "v", "vector[string]", "d", "interval");

    @Test
    void writesZeeksHeaderLinesAndCloseLine(@TempDir Path dir) throws Exception {
        LocalDateTime t = LocalDateTime.of(2026, 1, 1, 12, 0, 0);
        try (ZeekLogWriter w = new ZeekLogWriter(dir, false, () -> t)) {
            w.write(S, 1258535653.0871372, "x", 5L, true, List.of("a", "b"), 0.000435);
        }
        assertThat(Files.readAllLines(dir.resolve("test.log"))).containsExactly(
                "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-",
                "#path\ttest", "#open\t2026-01-01-12-00-00",
                "#fields\tts\ts\tn\tb\tv\td", "#types\ttime\tstring\tcount\tbool\tvector[string]\tinterval",
                "1258535653.087137\tx\t5\tT\ta,b\t0.000435",
                "#close\t2026-01-01-12-00-00");
    }

    @Test
    void escapesMarkersSeparatorsAndBadBytes(@TempDir Path dir) throws Exception {
        try (ZeekLogWriter w = new ZeekLogWriter(dir, false)) {
            w.write(S, 1.0, "-", null, false, List.of(), 900.0);
            w.write(S, 1.0, "(empty)", null, false, List.of("a,b", ""), null);
            w.write(S, 1.0, "tab\there back\\slash", null, false, null, null);
            w.write(S, 1.0, new byte[] {'o', (byte) 0xff, 'k', 1}, null, false, null, null);
            w.write(S, 1.0, "héllo", null, false, null, null);
            w.write(S, 1.0, "", null, false, null, null);
        }
        List<String> rows = Files.readAllLines(dir.resolve("test.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(rows).containsExactly(
                "1.000000\t\\x2d\t-\tF\t(empty)\t900.000000",
                "1.000000\t\\x28empty)\t-\tF\ta\\x2cb,(empty)\t-",
                "1.000000\ttab\\x09here back\\\\slash\t-\tF\t-\t-",
                "1.000000\to\\xffk\\x01\t-\tF\t-\t-",
                "1.000000\théllo\t-\tF\t-\t-",
                "1.000000\t(empty)\t-\tF\t-\t-");
    }

    @Test
    void createsNoFileWithoutRows(@TempDir Path dir) throws Exception {
        new ZeekLogWriter(dir, false).close();
        assertThat(Files.exists(dir.resolve("test.log"))).isFalse();
    }

    @Test
    void jsonLeavesOutUnsetFields(@TempDir Path dir) throws Exception {
        try (ZeekLogWriter w = new ZeekLogWriter(dir, true)) {
            w.write(S, 1258535653.0871372, "a\"b", null, true, List.of("x"), 120.0);
        }
        assertThat(Files.readAllLines(dir.resolve("test.log"))).containsExactly(
                "{\"ts\":1258535653.087137,\"s\":\"a\\\"b\",\"b\":true,\"v\":[\"x\"],\"d\":120.0}");
    }

    @Test
    void fixedSixDecimalsRoundsHalfToEvenLikePrintf() {
        StringBuilder sb = new StringBuilder();
        ZeekValues.fixed6(sb, 0.0078125); // exactly 1/128: a tie at the 7th decimal
        sb.append(' ');
        ZeekValues.fixed6(sb, 0.0234375); // 3/128
        sb.append(' ');
        ZeekValues.fixed6(sb, 5.001141);
        assertThat(sb.toString()).isEqualTo("0.007812 0.023438 5.001141");
    }

    @Test
    void rotationClosesAndRenamesByOpenTimeThenReopensWithAHeader(@TempDir Path dir) throws Exception {
        LocalDateTime[] now = {LocalDateTime.of(2026, 1, 1, 10, 0, 0)};
        List<String> tapped = new java.util.ArrayList<>();
        try (ZeekLogWriter w = new ZeekLogWriter(dir, false, () -> now[0])) {
            w.tap((path, json, line) -> tapped.add(path + "|" + line));
            w.write(S, 1.0, "a", 1L, true, List.of(), 1.0);
            now[0] = LocalDateTime.of(2026, 1, 1, 11, 0, 0);
            assertThat(w.rotate()).containsExactly(dir.resolve("test.2026-01-01-10-00-00.log"));
            assertThat(dir.resolve("test.log")).doesNotExist();
            w.write(S, 2.0, "b", 2L, false, List.of(), 1.0);
            w.flush();
            assertThat(Files.readAllLines(dir.resolve("test.log"))).contains("#open\t2026-01-01-11-00-00")
                    .last().asString().startsWith("2.000000\tb");
        }
        assertThat(Files.readAllLines(dir.resolve("test.2026-01-01-10-00-00.log"))).hasSize(10)
                .endsWith("1.000000\ta\t1\tT\t(empty)\t1.000000", "#close\t2026-01-01-11-00-00");
        assertThat(tapped).contains("test|#fields\tts\ts\tn\tb\tv\td", "test|1.000000\ta\t1\tT\t(empty)\t1.000000",
                "test|2.000000\tb\t2\tF\t(empty)\t1.000000").hasSize(2 * 8 + 2 + 2);
    }

    @Test
    void utf8IsWrittenAsIsAndTappedAsText(@TempDir Path dir) throws Exception {
        List<String> tapped = new java.util.ArrayList<>();
        try (ZeekLogWriter w = new ZeekLogWriter(dir, true)) {
            w.tap((path, json, line) -> tapped.add(line));
            w.write(S, 1.0, "h\u00e9llo \u65e5\u672c", null, null, List.of("\ud83d\ude00"), null);
        }
        String expected = "{\"ts\":1.0,\"s\":\"h\u00e9llo \u65e5\u672c\",\"v\":[\"\ud83d\ude00\"]}";
        assertThat(Files.readString(dir.resolve("test.log"), StandardCharsets.UTF_8)).isEqualTo(expected + "\n");
        assertThat(tapped).containsExactly(expected);
    }
}

package dev.vigil.sensor.conn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UidGeneratorTest {
    @Test
    void reproducesZeeksFirst2000UidsForTheBtestSeed() throws Exception {
        Path corpus = Path.of(getClass().getResource("/zeek-corpus/cases.tsv").toURI()).getParent();
        UidGenerator g = UidGenerator.fromSeedFile(corpus.resolve("zeek-btest-random.seed"));
        List<String> expected = Files.readAllLines(corpus.resolve("uid-sequence-btest-seed.txt"), StandardCharsets.US_ASCII)
                .stream().map(String::strip).filter(s -> s.startsWith("C")).toList();
        assertThat(expected).hasSize(2000);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(g.nextUid()).as("uid #%d", i + 1).isEqualTo(expected.get(i));
        }
    }

    @Test
    void rejectsSeedFileWithWrongNumberOfWords(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("seed");
        Files.writeString(f, "1\n2\n3\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UidGenerator.fromSeedFile(f))
                .hasMessageContaining("has 3 numbers, expected 21");
    }

    @Test
    void randomGeneratorsDiffer() {
        assertThat(UidGenerator.random().nextUid()).isNotEqualTo(UidGenerator.random().nextUid());
    }
}

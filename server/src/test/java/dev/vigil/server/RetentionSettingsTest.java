package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.index.retention.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionSettingsTest {
    @TempDir
    Path dir;

    private ServerSettings load(String... lines) throws Exception {
        Path f = dir.resolve("vigil.yml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return ServerSettings.load(f);
    }

    @Test
    void perIndexLimitsOverrideTheDefaultKeyByKey() throws Exception {
        ServerSettings s = load("index:", "  retention:", "    default: {max_age: 90d, max_size: 50GB}",
                "    per_index:", "      web: {max_size: 500MB}", "      audit: {max_age: none, max_size: none}",
                "    every: 30m");
        assertThat(s.index).isTrue();
        assertThat(s.retention.defaults).isEqualTo(new RetentionSettings.Limits(Duration.ofDays(90), 50L << 30));
        assertThat(s.retention.perIndex.get("web")).isEqualTo(new RetentionSettings.Limits(Duration.ofDays(90), 500L << 20));
        assertThat(s.retention.perIndex.get("audit")).isEqualTo(new RetentionSettings.Limits(null, null));
        assertThat(s.retention.every).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.retention.policies()).isInstanceOf(Retention.class);
    }

    @Test
    void indexStaysABooleanToo() throws Exception {
        assertThat(load("index: false").index).isFalse();
        assertThat(load("index: {enabled: false}").index).isFalse();
        assertThat(load("data: x").retention.any()).isFalse();
    }

    @Test
    void badValuesNameTheFileAndLine() {
        assertThatThrownBy(() -> load("data: x", "index:", "  retention:", "    default:", "      max_age: ninety days"))
                .isInstanceOf(ServerSettings.ConfigError.class)
                .hasMessage(dir.resolve("vigil.yml") + ":5: max_age: expects a positive duration such as 90d, 12h, 30m, "
                        + "45s or 2w (or none), found 'ninety days'");
        assertThatThrownBy(() -> load("index:", "  retention:", "    default: {max_size: 5 parsecs}"))
                .hasMessageContaining(":3: max_size: expects a size such as 50GB");
        assertThatThrownBy(() -> load("index:", "  retention:", "    defaults: {max_age: 1d}"))
                .hasMessageContaining(":3: defaults: unknown setting 'defaults', expected one of [default, every, per_index]");
        assertThatThrownBy(() -> load("index:", "  retention:", "    per_index:", "      Web: {max_age: 1d}"))
                .hasMessageContaining(":4: Web: 'Web' is not an index name");
    }
}

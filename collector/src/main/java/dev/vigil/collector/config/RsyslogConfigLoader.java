package dev.vigil.collector.config;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads an rsyslog.conf as rsyslogd 8.2302 would: {@code load(Path.of("/etc/rsyslog.conf"), opts)}.
 * Unsupported statements are reported as {@code file:line: unsupported ... (ignored)} and the rest
 * runs; lines rsyslog rejects are reported as {@code file:line: error: ...} and skipped as rsyslog
 * skips them; a syntax error throws {@link ConfigException} naming file:line:column.
 */
public final class RsyslogConfigLoader {
    private RsyslogConfigLoader() {
    }

    /**
     * @throws ConfigException on a syntax error
     * @throws IOException when the main file cannot be read
     */
    public static RsyslogConfig load(Path file, LoaderOptions opts) throws IOException {
        ConfigBuilder b = new ConfigBuilder(opts);
        b.includes.file(file);
        return new ConfigFinisher(b).finish();
    }

    /** Reads configuration text (for tests and {@code include(text=...)}-style uses); {@code name} is used in messages. */
    public static RsyslogConfig load(String name, String text, LoaderOptions opts) {
        ConfigBuilder b = new ConfigBuilder(opts);
        b.includes.text(text, name);
        return new ConfigFinisher(b).finish();
    }
}

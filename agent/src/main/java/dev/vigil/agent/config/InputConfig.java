package dev.vigil.agent.config;

import java.util.List;

/**
 * One entry of {@code inputs:} in agent.yml.
 *
 * @param type            what the files hold
 * @param paths           absolute paths or globs ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, {@code **})
 * @param exclude         globs on file names never read (default: compressed files)
 * @param host            the host field (default: the agent's host name)
 * @param source          the source field (default: the path where each file was found)
 * @param sourcetype      the sourcetype field (default: none for text files, {@code linux:wtmp}... for records)
 * @param index           the target index (default: the server's)
 * @param maxLineBytes    longer lines are split (or truncated) at this many bytes
 * @param splitLongLines  split over-long lines into several events (true) or truncate them (false)
 * @param startAtEnd      on the agent's very first run, start files found then at their end
 * @param multiline       multi-line joining, or null
 * @param scanIntervalMs  how often the globs are listed again for new, renamed and deleted files
 * @param closeInactiveMs a file at its path with nothing new for this long is closed (reopened when it grows)
 * @param closeRenamedMs  a renamed or deleted file is closed after this long with nothing new
 * @param passwd          lastlog only: the password file naming the accounts whose records are read
 * @param intervalMs      lastlog only: how often the file is read again
 * @param where           {@code agent.yml:12}, for messages
 */
public record InputConfig(InputType type, List<String> paths, List<String> exclude, String host, String source,
                          String sourcetype, String index, int maxLineBytes, boolean splitLongLines,
                          boolean startAtEnd, MultilineConfig multiline, long scanIntervalMs, long closeInactiveMs,
                          long closeRenamedMs, String passwd, long intervalMs, String where) {
    public static final int DEFAULT_MAX_LINE_BYTES = 64 << 10;
    public static final List<String> DEFAULT_EXCLUDE = List.of("*.gz", "*.bz2", "*.xz", "*.zst", "*.zip", "*.lz4");

    /** The key recorded with each file this input follows. */
    public String key() {
        return type.yamlName + ":" + String.join(",", paths);
    }

    /** A plain input of text files with every default, for tests and tools. */
    public static InputConfig files(String... paths) {
        return new InputConfig(InputType.FILE, List.of(paths), DEFAULT_EXCLUDE, null, null, null, null,
                DEFAULT_MAX_LINE_BYTES, true, false, null, 1000, 300_000, 5000, null, 10_000, "test");
    }

    public InputConfig withType(InputType t) {
        return new InputConfig(t, paths, exclude, host, source, sourcetype, index, maxLineBytes, splitLongLines,
                startAtEnd, multiline, scanIntervalMs, closeInactiveMs, closeRenamedMs, passwd, intervalMs, where);
    }

    public InputConfig withMultiline(MultilineConfig m) {
        return new InputConfig(type, paths, exclude, host, source, sourcetype, index, maxLineBytes, splitLongLines,
                startAtEnd, m, scanIntervalMs, closeInactiveMs, closeRenamedMs, passwd, intervalMs, where);
    }

    public InputConfig withLines(int max, boolean split) {
        return new InputConfig(type, paths, exclude, host, source, sourcetype, index, max, split,
                startAtEnd, multiline, scanIntervalMs, closeInactiveMs, closeRenamedMs, passwd, intervalMs, where);
    }

    public InputConfig withTimes(long scanMs, long closeInactiveMs, long closeRenamedMs) {
        return new InputConfig(type, paths, exclude, host, source, sourcetype, index, maxLineBytes, splitLongLines,
                startAtEnd, multiline, scanMs, closeInactiveMs, closeRenamedMs, passwd, intervalMs, where);
    }

    public InputConfig withStartAtEnd(boolean end) {
        return new InputConfig(type, paths, exclude, host, source, sourcetype, index, maxLineBytes, splitLongLines,
                end, multiline, scanIntervalMs, closeInactiveMs, closeRenamedMs, passwd, intervalMs, where);
    }

    public InputConfig withPasswd(String file, long intervalMs) {
        return new InputConfig(type, paths, exclude, host, source, sourcetype, index, maxLineBytes, splitLongLines,
                startAtEnd, multiline, scanIntervalMs, closeInactiveMs, closeRenamedMs, file, intervalMs, where);
    }
}

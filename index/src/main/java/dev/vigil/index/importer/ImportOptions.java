package dev.vigil.index.importer;

/**
 * How files are imported.
 *
 * @param sourcetype the sourcetype of every event, or null to detect per file/line
 * @param host the host of every event, or null: the line's HOSTNAME for syslog, else this machine's name
 * @param index the target index, or null for the default
 * @param batchSize events per batch handed to the sink
 * @param maxLineBytes longer lines are cut to this many bytes (and counted as truncated)
 */
public record ImportOptions(String sourcetype, String host, String index, int batchSize, int maxLineBytes) {
    public ImportOptions {
        if (batchSize < 1 || maxLineBytes < 1) {
            throw new IllegalArgumentException("batch size and line limit must be positive");
        }
    }

    /** Options with default batch size (5000) and line limit (1 MiB). */
    public static ImportOptions of(String sourcetype, String host, String index) {
        return new ImportOptions(sourcetype, host, index, 5000, 1 << 20);
    }
}

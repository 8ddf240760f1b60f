package dev.vigil.sensor;

import java.nio.file.Path;
import java.util.Set;

/** What `vigil sensor` was asked to do. */
public final class SensorOptions {
    public Path input;
    public Path outputDir = Path.of(".");
    public boolean json;
    public boolean ignoreChecksums;
    /** Loaded scripts for --only (bare mode); null for Zeek's default mode. */
    public Set<String> only;
    public Path networks;
    public Path seedFile;
    public int maxPacket = dev.vigil.sensor.capture.CaptureReader.DEFAULT_MAX_PACKET;
    public int maxConnections = 1_000_000;
    /** Live capture: the interface (instead of {@link #input}), BPF filter, snapshot length, promiscuous mode. */
    public String iface;
    public String filter;
    public int snaplen = dev.vigil.sensor.capture.CaptureReader.DEFAULT_MAX_PACKET;
    public boolean promiscuous = true;
    /** Log rotation interval in seconds (0: none), as Zeek's Log::default_rotation_interval. */
    public long rotateSeconds;
    /** Sees every log line as written (for shipping to a server); null for none. */
    public dev.vigil.sensor.log.ZeekLogWriter.LogTap tap;
    /** FTP::logged_commands after --redef (null: Zeek's default set). */
    public java.util.Set<String> ftpLoggedCommands;

    /**
     * Applies a Zeek redef given on the command line. Supported: {@code FTP::logged_commands += { "A", "B" }}
     * and {@code FTP::logged_commands = { ... }}.
     *
     * @throws IllegalArgumentException naming what is not supported
     */
    public void redef(String expr) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\s*([A-Za-z_:]+)\\s*(\\+?=)\\s*\\{(.*)}\\s*").matcher(expr);
        if (!m.matches()) {
            throw new IllegalArgumentException("redef '" + expr + "': expected NAME += { \"a\", \"b\" }");
        }
        if (!m.group(1).equals("FTP::logged_commands")) {
            throw new IllegalArgumentException("redef of " + m.group(1) + " is not supported (only FTP::logged_commands)");
        }
        java.util.Set<String> items = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher q = java.util.regex.Pattern.compile("\"([^\"]*)\"").matcher(m.group(3));
        while (q.find()) {
            items.add(q.group(1));
        }
        java.util.Set<String> base = new java.util.LinkedHashSet<>(m.group(2).equals("+=")
                ? (ftpLoggedCommands != null ? ftpLoggedCommands : dev.vigil.sensor.analyzer.FtpLogging.DEFAULT)
                : java.util.Set.of());
        base.addAll(items);
        ftpLoggedCommands = base;
    }
}

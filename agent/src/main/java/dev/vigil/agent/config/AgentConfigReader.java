package dev.vigil.agent.config;

import dev.vigil.agent.queue.QueueSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** Reads agent.yml into an {@link AgentConfig}; every mistake is reported with its file, line and column. */
final class AgentConfigReader {
    private static final Set<String> TOP = Set.of("host", "server", "queue", "inputs", "ntp", "metrics",
            "stats_interval");
    private static final Set<String> SERVER = Set.of("url", "host", "port", "tls");
    private static final Set<String> TLS = Set.of("ca", "cert", "key");
    private static final Set<String> QUEUE = Set.of("dir", "max_bytes", "segment_bytes", "sync", "sync_interval");
    private static final Set<String> NTP = Set.of("enabled", "server", "port", "interval");
    private static final Set<String> METRICS = Set.of("address", "port");
    private static final Set<String> INPUT = Set.of("type", "path", "paths", "exclude", "host", "source",
            "sourcetype", "index", "max_line_bytes", "long_lines", "start_at", "multiline", "scan_interval",
            "close_inactive", "close_renamed", "passwd", "interval");
    private static final Set<String> MULTILINE = Set.of("pattern", "negate", "match", "max_lines", "max_bytes",
            "timeout");
    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private final Path file;
    private final Path base;

    AgentConfigReader(Path file) {
        this.file = file;
        this.base = file.toAbsolutePath().getParent();
    }

    AgentConfig read() throws IOException {
        YamlNode root = YamlNode.parse(file);
        if (root.kind == YamlNode.Kind.NULL) {
            throw new ConfigException(file + ":1:1: empty configuration: expected at least 'inputs'");
        }
        expect(root, YamlNode.Kind.MAP, "a mapping of settings " + new TreeSet<>(TOP));
        keys(root, TOP, "agent.yml");
        String host = str(root, "host", Hostname.get());
        AgentConfig.ServerConfig server = server(root.map.get("server"));
        QueueSettings queue = queue(root.map.get("queue"));
        List<InputConfig> inputs = new ArrayList<>();
        YamlNode in = root.map.get("inputs");
        if (in == null || in.kind == YamlNode.Kind.NULL) {
            throw new ConfigException(root.where() + ": no 'inputs': expected a list of files to read");
        }
        expect(in, YamlNode.Kind.LIST, "a list of inputs");
        for (int i = 0; i < in.list.size(); i++) {
            inputs.add(input(in.list.get(i), i));
        }
        YamlNode ntp = root.map.get("ntp");
        AgentConfig.NtpConfig ntpc = new AgentConfig.NtpConfig(server != null, server == null ? null : server.host(),
                123, 60_000);
        if (ntp != null) {
            expect(ntp, YamlNode.Kind.MAP, "a mapping " + new TreeSet<>(NTP));
            keys(ntp, NTP, "ntp");
            String h = str(ntp, "server", ntpc.host());
            ntpc = new AgentConfig.NtpConfig(bool(ntp, "enabled", h != null), h, integer(ntp, "port", 123, 1, 65535),
                    millis(ntp, "interval", 60_000));
        }
        AgentConfig.MetricsConfig metrics = null;
        YamlNode m = root.map.get("metrics");
        if (m != null) {
            expect(m, YamlNode.Kind.MAP, "a mapping " + new TreeSet<>(METRICS));
            keys(m, METRICS, "metrics");
            metrics = new AgentConfig.MetricsConfig(str(m, "address", "127.0.0.1"), integer(m, "port", -1, 0, 65535));
            if (metrics.port() < 0) {
                throw m.error("metrics needs a 'port'");
            }
        }
        return new AgentConfig(file, host, server, queue, List.copyOf(inputs), ntpc, metrics,
                millis(root, "stats_interval", 60_000));
    }

    private AgentConfig.ServerConfig server(YamlNode n) throws ConfigException {
        if (n == null || n.kind == YamlNode.Kind.NULL) {
            return null;
        }
        expect(n, YamlNode.Kind.MAP, "a mapping " + new TreeSet<>(SERVER));
        keys(n, SERVER, "server");
        String host = str(n, "host", null);
        int port = integer(n, "port", -1, 1, 65535);
        String url = str(n, "url", null);
        if (url != null) {
            Matcher u = java.util.regex.Pattern.compile("(?:[a-z]+://)?(\\[[^\\]]+\\]|[^:/\\[\\]]+)(?::(\\d{1,5}))?/?")
                    .matcher(url);
            if (!u.matches()) {
                throw n.map.get("url").error("'url' expects host:port (or tls://host:port), found '" + url + "'");
            }
            host = u.group(1).startsWith("[") ? u.group(1).substring(1, u.group(1).length() - 1) : u.group(1);
            if (u.group(2) != null) {
                port = Integer.parseInt(u.group(2));
            }
        }
        if (host == null) {
            throw n.error("server needs a 'host' (or a 'url')");
        }
        if (port < 1 || port > 65535) {
            throw n.error("server needs a 'port' (1..65535)");
        }
        Path ca = null, cert = null, key = null;
        YamlNode tls = n.map.get("tls");
        if (tls != null) {
            expect(tls, YamlNode.Kind.MAP, "a mapping " + new TreeSet<>(TLS));
            keys(tls, TLS, "server.tls");
            ca = existing(tls, "ca");
            cert = existing(tls, "cert");
            key = existing(tls, "key");
            if ((cert == null) != (key == null)) {
                throw tls.error("tls needs both 'cert' and 'key', or neither");
            }
        }
        return new AgentConfig.ServerConfig(host, port, ca, cert, key, file + ":" + n.line);
    }

    private QueueSettings queue(YamlNode n) throws ConfigException {
        if (n == null) {
            return QueueSettings.defaults(Path.of("data", "agent-queue"));
        }
        expect(n, YamlNode.Kind.MAP, "a mapping " + new TreeSet<>(QUEUE));
        keys(n, QUEUE, "queue");
        Path dir = n.map.containsKey("dir") ? base.resolve(str(n, "dir", null)) : Path.of("data", "agent-queue");
        long max = bytes(n, "max_bytes", QueueSettings.DEFAULT_MAX_BYTES);
        long seg = bytes(n, "segment_bytes", Math.min(QueueSettings.DEFAULT_SEGMENT_BYTES, max / 4));
        String sync = choice(n, "sync", "interval", "interval", "batch", "none");
        long interval = millis(n, "sync_interval", 1000);
        try {
            return new QueueSettings(dir, max, seg, QueueSettings.Sync.valueOf(sync.toUpperCase(Locale.ROOT)), interval);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }

    private InputConfig input(YamlNode n, int i) throws ConfigException {
        String ctx = "inputs[" + i + "]";
        expect(n, YamlNode.Kind.MAP, "an input: a mapping with 'path' and optionally " + new TreeSet<>(INPUT));
        keys(n, INPUT, ctx);
        String typeName = str(n, "type", "file");
        InputType type = InputType.of(typeName);
        if (type == null) {
            throw n.map.get("type").error("unknown input type '" + typeName
                    + "', expected one of file, wtmp, btmp, lastlog, pacct");
        }
        List<String> paths = new ArrayList<>();
        if (n.map.containsKey("path") && n.map.containsKey("paths")) {
            throw n.keys.get("paths").error("set 'path' or 'paths', not both");
        }
        for (String p : strings(n, n.map.containsKey("paths") ? "paths" : "path")) {
            paths.add(base.resolve(p).normalize().toString());
        }
        if (paths.isEmpty()) {
            String dflt = switch (type) {
                case WTMP -> "/var/log/wtmp";
                case BTMP -> "/var/log/btmp";
                case LASTLOG -> "/var/log/lastlog";
                case PACCT -> "/var/log/account/pacct";
                case FILE -> null;
            };
            if (dflt == null) {
                throw n.error(ctx + " needs a 'path' (a file or a glob such as /var/log/httpd/*log)");
            }
            paths.add(dflt);
        }
        if (type == InputType.LASTLOG && (paths.size() != 1 || paths.get(0).matches(".*[*?\\[{].*"))) {
            throw n.error("a lastlog input reads one file: 'path' cannot be a glob or a list");
        }
        int maxLine = (int) bytes(n, "max_line_bytes", InputConfig.DEFAULT_MAX_LINE_BYTES);
        if (maxLine < 16 || maxLine > 64 << 20) {
            throw n.map.get("max_line_bytes").error("'max_line_bytes' must be between 16 and 64MiB, found " + maxLine);
        }
        boolean split = choice(n, "long_lines", "split", "split", "truncate").equals("split");
        boolean end = choice(n, "start_at", "beginning", "beginning", "end").equals("end");
        MultilineConfig ml = multiline(n.map.get("multiline"), ctx);
        List<String> exclude = n.map.containsKey("exclude") ? strings(n, "exclude") : InputConfig.DEFAULT_EXCLUDE;
        String passwd = n.map.containsKey("passwd") ? base.resolve(str(n, "passwd", null)).toString() : null;
        return new InputConfig(type, List.copyOf(paths), List.copyOf(exclude), str(n, "host", null),
                str(n, "source", null), str(n, "sourcetype", null), str(n, "index", null), maxLine, split, end, ml,
                millis(n, "scan_interval", 1000), millis(n, "close_inactive", 300_000),
                millis(n, "close_renamed", 5000), passwd, millis(n, "interval", 10_000), file + ":" + n.line);
    }

    private MultilineConfig multiline(YamlNode n, String ctx) throws ConfigException {
        if (n == null || n.kind == YamlNode.Kind.NULL) {
            return null;
        }
        expect(n, YamlNode.Kind.MAP, "a mapping " + new TreeSet<>(MULTILINE));
        keys(n, MULTILINE, ctx + ".multiline");
        String pattern = str(n, "pattern", null);
        if (pattern == null) {
            throw n.error("multiline needs a 'pattern'");
        }
        try {
            com.google.re2j.Pattern.compile(pattern);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw n.map.get("pattern").error("invalid pattern: " + e.getMessage());
        }
        return new MultilineConfig(pattern, bool(n, "negate", false),
                choice(n, "match", "after", "after", "before").equals("after"),
                integer(n, "max_lines", MultilineConfig.DEFAULT_MAX_LINES, 1, 1_000_000),
                (int) Math.min(bytes(n, "max_bytes", MultilineConfig.DEFAULT_MAX_BYTES), 64 << 20),
                millis(n, "timeout", MultilineConfig.DEFAULT_TIMEOUT_MS));
    }

    // ------------------------------------------------------------------ typed values

    private static void expect(YamlNode n, YamlNode.Kind kind, String what) throws ConfigException {
        if (n.kind != kind) {
            throw n.error("expected " + what + ", found " + describe(n));
        }
    }

    private static String describe(YamlNode n) {
        return switch (n.kind) {
            case MAP -> "a mapping";
            case LIST -> "a list";
            case NULL -> "nothing";
            case SCALAR -> "'" + n.text + "'";
        };
    }

    private static void keys(YamlNode n, Set<String> allowed, String ctx) throws ConfigException {
        for (var e : n.keys.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown setting '" + e.getKey() + "' in " + ctx + ", expected one of "
                        + new TreeSet<>(allowed));
            }
        }
    }

    private static YamlNode scalar(YamlNode m, String key) throws ConfigException {
        YamlNode v = m.map.get(key);
        if (v == null || v.kind == YamlNode.Kind.NULL) {
            return null;
        }
        if (v.kind != YamlNode.Kind.SCALAR) {
            throw v.error("'" + key + "' expects a value, found " + describe(v));
        }
        return v;
    }

    private static String str(YamlNode m, String key, String dflt) throws ConfigException {
        YamlNode v = scalar(m, key);
        return v == null ? dflt : v.text;
    }

    private static List<String> strings(YamlNode m, String key) throws ConfigException {
        YamlNode v = m.map.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.kind == YamlNode.Kind.NULL) {
            return out;
        }
        if (v.kind == YamlNode.Kind.SCALAR) {
            out.add(v.text);
            return out;
        }
        if (v.kind != YamlNode.Kind.LIST) {
            throw v.error("'" + key + "' expects a value or a list of values, found " + describe(v));
        }
        for (YamlNode e : v.list) {
            if (e.kind != YamlNode.Kind.SCALAR) {
                throw e.error("'" + key + "' expects a list of values, found " + describe(e));
            }
            out.add(e.text);
        }
        return out;
    }

    private static int integer(YamlNode m, String key, int dflt, int min, int max) throws ConfigException {
        YamlNode v = scalar(m, key);
        if (v == null) {
            return dflt;
        }
        try {
            int x = Integer.parseInt(v.text.trim());
            if (x >= min && x <= max) {
                return x;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw v.error("'" + key + "' expects a whole number from " + min + " to " + max + ", found '" + v.text + "'");
    }

    private static boolean bool(YamlNode m, String key, boolean dflt) throws ConfigException {
        YamlNode v = scalar(m, key);
        if (v == null) {
            return dflt;
        }
        if (v.text.equals("true") || v.text.equals("false")) {
            return v.text.equals("true");
        }
        throw v.error("'" + key + "' expects true or false, found '" + v.text + "'");
    }

    private static String choice(YamlNode m, String key, String dflt, String... allowed) throws ConfigException {
        YamlNode v = scalar(m, key);
        if (v == null) {
            return dflt;
        }
        for (String a : allowed) {
            if (a.equals(v.text)) {
                return a;
            }
        }
        throw v.error("'" + key + "' expects one of " + String.join(", ", allowed) + ", found '" + v.text + "'");
    }

    static long bytes(YamlNode m, String key, long dflt) throws ConfigException {
        YamlNode v = scalar(m, key);
        if (v == null) {
            return dflt;
        }
        Matcher x = SIZE.matcher(v.text.trim());
        if (x.matches()) {
            String unit = x.group(2) == null ? "b" : x.group(2).toLowerCase(Locale.ROOT);
            long mult = switch (unit) {
                case "k", "kib" -> 1L << 10;
                case "kb" -> 1000L;
                case "m", "mib" -> 1L << 20;
                case "mb" -> 1_000_000L;
                case "g", "gib" -> 1L << 30;
                case "gb" -> 1_000_000_000L;
                default -> 1L;
            };
            try {
                return Math.multiplyExact(Long.parseLong(x.group(1)), mult);
            } catch (ArithmeticException | NumberFormatException e) {
                // below
            }
        }
        throw v.error("'" + key + "' expects a size such as 65536, 64KiB, 256MiB or 1GiB, found '" + v.text + "'");
    }

    static long millis(YamlNode m, String key, long dflt) throws ConfigException {
        YamlNode v = scalar(m, key);
        if (v == null) {
            return dflt;
        }
        Matcher x = DURATION.matcher(v.text.trim());
        if (x.matches()) {
            double n = Double.parseDouble(x.group(1));
            String unit = x.group(2) == null ? "s" : x.group(2);
            return Math.round(n * switch (unit) {
                case "ms" -> 1;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1000;
            });
        }
        throw v.error("'" + key + "' expects a duration such as 500ms, 1s, 5m or 2h, found '" + v.text + "'");
    }

    private Path existing(YamlNode m, String key) throws ConfigException {
        String s = str(m, key, null);
        if (s == null) {
            return null;
        }
        Path p = base.resolve(s);
        if (!Files.isReadable(p)) {
            throw m.map.get(key).error("'" + key + "': cannot read " + p);
        }
        return p;
    }
}

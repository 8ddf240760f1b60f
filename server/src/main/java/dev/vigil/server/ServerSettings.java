package dev.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The node's settings, from {@code vigil.yml} and the command line (the command line wins). Every key is
 * documented in docs/server.md; an unknown key is a configuration error naming file:line.
 */
public final class ServerSettings {
    /** Syslog's standard port (RFC 5426 §3.3, RFC 6587 uses the same by convention). */
    public static final int SYSLOG_PORT = 514;
    /** NTP's standard port (RFC 5905 §7). */
    public static final int NTP_PORT = 123;

    public Path data = Path.of("data");
    public int syslogPort = SYSLOG_PORT;
    public String syslogAddress;
    public Path rules;
    public int httpPort = 8080;
    public String httpAddress;
    public int ntpPort = NTP_PORT;
    public boolean ntpEnabled = true;
    public List<String> ntpServers = new ArrayList<>();
    public List<String> ntpPools = new ArrayList<>();
    public Integer ntpLocalStratum;
    public boolean index = true;
    public int maxMessageSize = dev.vigil.core.syslog.ParserOptions.DEFAULT_MAX_MESSAGE_SIZE;
    public int queueSize = 100_000;
    public boolean dns = true;
    public Path tlsCert;
    public Path tlsKey;
    public Path tlsCa;
    public int tlsPort;
    public boolean tlsRequireClientCert;
    public List<HecTokenSetting> hecTokens = new ArrayList<>();
    public double skewThresholdSeconds = 2.0;
    /** The agent listener's port; -1 (the default) runs none. {@code agent:} in vigil.yml defaults it to 9515. */
    public int agentPort = -1;
    public String agentAddress;
    public Path agentTlsCert;
    public Path agentTlsKey;
    public Path agentTlsCa;
    public boolean agentRequireClientCert;
    /** Plain TCP for agents: tests and labs only, and only when asked for. */
    public boolean agentPlain;
    public int agentMaxFrameBytes = dev.vigil.agent.protocol.AgentProtocol.DEFAULT_MAX_FRAME_BYTES;
    /** {@code index: {retention: …}}; no limits unless configured. */
    public RetentionSettings retention = new RetentionSettings();

    /** One HEC token: {@code http: {hec_tokens: [{name: n, token: t, index: i, sourcetype: s, ack: true}]}}. */
    public record HecTokenSetting(String name, String token, String index, String sourcetype, boolean ack) {
    }

    private static final Set<String> TOP = Set.of("data", "syslog", "http", "ntp", "index", "queue",
            "agent");

    /** A configuration error: where, what was expected, what was found. */
    public static final class ConfigError extends IOException {
        private static final long serialVersionUID = 1L;

        public ConfigError(String message) {
            super(message);
        }
    }

    /** Reads {@code vigil.yml} into a new settings object. */
    public static ServerSettings load(Path file) throws IOException {
        ServerSettings s = new ServerSettings();
        s.apply(file);
        return s;
    }

    /** Applies a {@code vigil.yml} over these settings. */
    public void apply(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try {
            root = yaml.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigError(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigError(file + ":1: expected a mapping of settings (data, syslog, http, ntp, index)");
        }
        Path base = file.toAbsolutePath().getParent();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!TOP.contains(k)) {
                throw new ConfigError(file + ":" + line(file, k) + ": unknown setting '" + k
                        + "', expected one of " + new java.util.TreeSet<>(TOP));
            }
        }
        if (root.has("data")) {
            data = base.resolve(text(file, root, "data"));
        }
        JsonNode sys = root.path("syslog");
        if (sys.has("port")) {
            syslogPort = port(file, sys, "port");
        }
        if (sys.has("address")) {
            syslogAddress = sys.get("address").asText();
        }
        if (sys.has("rules")) {
            rules = base.resolve(text(file, sys, "rules"));
        }
        if (sys.has("max_message_size")) {
            maxMessageSize = sys.get("max_message_size").asInt();
        }
        if (sys.has("dns")) {
            dns = sys.get("dns").asBoolean();
        }
        JsonNode tls = sys.path("tls");
        if (tls.isObject()) {
            tlsPort = port(file, tls, "port");
            tlsCert = base.resolve(text(file, tls, "cert"));
            tlsKey = base.resolve(text(file, tls, "key"));
            if (tls.has("ca")) {
                tlsCa = base.resolve(text(file, tls, "ca"));
            }
            tlsRequireClientCert = tls.path("require_client_cert").asBoolean(false);
        }
        JsonNode http = root.path("http");
        if (http.has("port")) {
            httpPort = port(file, http, "port");
        }
        if (http.has("address")) {
            httpAddress = http.get("address").asText();
        }
        for (JsonNode t : http.path("hec_tokens")) {
            if (!t.hasNonNull("token")) {
                throw new ConfigError(file + ":" + line(file, "hec_tokens") + ": each of hec_tokens needs a 'token'");
            }
            hecTokens.add(new HecTokenSetting(t.path("name").asText("hec"), t.get("token").asText(),
                    t.hasNonNull("index") ? t.get("index").asText() : null,
                    t.hasNonNull("sourcetype") ? t.get("sourcetype").asText() : null, t.path("ack").asBoolean(false)));
        }
        JsonNode ntp = root.path("ntp");
        if (ntp.has("port")) {
            ntpPort = port(file, ntp, "port");
        }
        if (ntp.has("enabled")) {
            ntpEnabled = ntp.get("enabled").asBoolean();
        }
        ntp.path("servers").forEach(n -> ntpServers.add(n.asText()));
        ntp.path("pools").forEach(n -> ntpPools.add(n.asText()));
        if (ntp.has("skew_threshold")) {
            skewThresholdSeconds = ntp.get("skew_threshold").asDouble(2.0);
        }
        if (ntp.has("local_stratum")) {
            ntpLocalStratum = ntp.get("local_stratum").asInt();
        }
        JsonNode ix = root.path("index");
        if (ix.isObject()) {
            // index: {enabled: true, retention: {...}}
            index = ix.path("enabled").asBoolean(true);
            if (ix.has("retention")) {
                retention = RetentionSettings.parse(file, ix.get("retention"));
            }
        } else if (!ix.isMissingNode()) {
            index = ix.asBoolean(true);
        }
        if (root.path("queue").has("size")) {
            queueSize = root.path("queue").get("size").asInt();
        }
        if (root.has("agent")) {
            agent(file, base, root.get("agent"));
        }
    }

    private static final Set<String> AGENT_KEYS = Set.of("port", "address", "tls", "plain", "max_frame_bytes");

    /** {@code agent: {port, address, tls: {cert, key, ca, require_client_cert}, plain, max_frame_bytes}}. */
    private void agent(Path file, Path base, JsonNode a) throws ConfigError {
        if (!a.isObject()) {
            throw new ConfigError(file + ":" + line(file, "agent") + ": 'agent' expects a mapping (port, address, tls, "
                    + "plain, max_frame_bytes)");
        }
        for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!AGENT_KEYS.contains(k)) {
                throw new ConfigError(file + ":" + line(file, k) + ": unknown agent setting '" + k + "', expected one of "
                        + new java.util.TreeSet<>(AGENT_KEYS));
            }
        }
        agentPort = a.has("port") ? port(file, a, "port") : dev.vigil.agent.protocol.AgentProtocol.DEFAULT_PORT;
        if (a.has("address")) {
            agentAddress = a.get("address").asText();
        }
        agentPlain = a.path("plain").asBoolean(false);
        if (a.has("max_frame_bytes")) {
            JsonNode m = a.get("max_frame_bytes");
            if (!m.canConvertToInt() || m.asInt() < 65536) {
                throw new ConfigError(file + ":" + line(file, "max_frame_bytes")
                        + ": 'max_frame_bytes' expects a number of bytes, at least 65536, found " + m);
            }
            agentMaxFrameBytes = m.asInt();
        }
        JsonNode tls = a.path("tls");
        if (tls.isObject()) {
            agentTlsCert = base.resolve(text(file, tls, "cert"));
            agentTlsKey = base.resolve(text(file, tls, "key"));
            if (tls.has("ca")) {
                agentTlsCa = base.resolve(text(file, tls, "ca"));
            }
            agentRequireClientCert = tls.path("require_client_cert").asBoolean(false);
        } else if (!agentPlain) {
            throw new ConfigError(file + ":" + line(file, "agent") + ": the agent listener needs 'tls: {cert: FILE, key: "
                    + "FILE}', or 'plain: true' for plain TCP (tests and labs only)");
        }
    }

    private static String text(Path file, JsonNode n, String key) throws ConfigError {
        JsonNode v = n.get(key);
        if (v == null || !v.isValueNode()) {
            throw new ConfigError(file + ":" + line(file, key) + ": '" + key + "' expects a value");
        }
        return v.asText();
    }

    private static int port(Path file, JsonNode n, String key) throws ConfigError {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() > 65535) {
            throw new ConfigError(file + ":" + line(file, key) + ": '" + key + "' expects a port number 0..65535, found "
                    + (v == null ? "nothing" : v.toString()));
        }
        return v.asInt();
    }

    /** The first line of {@code file} that defines {@code key}, for messages. */
    private static int line(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().startsWith(key + ":")) {
                    return i + 1;
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return 1;
    }
}

package dev.vigil.collector.config;

import java.util.Map;
import java.util.Set;

/**
 * The {@code action()} parameters each output module knows, as rsyslog 8.2302 names them. Others are
 * reported ("typo in config file?" in rsyslog's words) and ignored. Some known ones have no effect in
 * Vigil (listed in docs/rsyslog.md).
 */
final class ActionParameters {
    private static final Set<String> COMMON = Set.of("type", "name", "template");
    private static final Map<String, Set<String>> BY_TYPE = Map.of(
            "omfile", Set.of("file", "dynafile", "filecreatemode", "dircreatemode", "fileowner", "fileownernum",
                    "filegroup", "filegroupnum", "dirowner", "dirownernum", "dirgroup", "dirgroupnum", "createdirs",
                    "failonchownfailure", "dynafilecachesize", "sync", "flushinterval", "asyncwriting", "ziplevel",
                    "iobuffersize", "flushontxend", "closetimeout", "veryrobustzip", "addlf"),
            "omfwd", Set.of("target", "port", "protocol", "tcp_framing", "ziplevel", "streamdriver",
                    "streamdrivermode", "streamdriver.mode", "streamdriverauthmode", "streamdriverpermittedpeers",
                    "streamdriver.cafile", "streamdriver.certfile", "streamdriver.keyfile", "rebindinterval",
                    "udp.rebindinterval", "address", "device", "keepalive", "compression.mode", "tcp_framedelimiter"),
            "omusrmsg", Set.of("users"),
            "ompgsql", Set.of("server", "port", "db", "user", "uid", "pass", "pwd"),
            "ommysql", Set.of("server", "serverport", "port", "db", "uid", "pwd", "user", "pass",
                    "mysqlconfig.file", "mysqlconfig.section"),
            "omdiscard", Set.of());

    private ActionParameters() {
    }

    /** The first parameter of {@code p} that {@code type} does not know, or null. */
    static String unknown(String type, Params p) {
        Set<String> known = BY_TYPE.get(type);
        if (known == null) {
            return null; // the module itself is reported as unsupported
        }
        for (String k : p.asMap().keySet()) {
            if (!COMMON.contains(k) && !known.contains(k) && !k.startsWith("queue.") && !k.startsWith("action.")) {
                return k;
            }
        }
        return null;
    }
}

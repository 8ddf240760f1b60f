package dev.vigil.server;

import dev.vigil.collector.config.InputSpec;
import dev.vigil.collector.config.LoaderOptions;
import dev.vigil.collector.config.RsyslogConfig;
import dev.vigil.collector.config.RsyslogConfigLoader;
import dev.vigil.collector.input.ListenerConfig;
import dev.vigil.collector.pipeline.EventProcessor;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node driven by an rsyslog.conf ({@code -f}): its listeners and its rules, exactly as rsyslogd would
 * take them. Warnings from the loader are logged as they come ({@code file:line: ...}).
 */
final class RulesOutput implements EventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RulesOutput.class);
    private final RsyslogConfig config;

    private RulesOutput(RsyslogConfig config) {
        this.config = config;
    }

    /** Loads {@code settings.rules} and adds its network listeners to {@code listeners}. */
    static RulesOutput load(ServerSettings settings, List<ListenerConfig> listeners) throws IOException {
        RsyslogConfig cfg = RsyslogConfigLoader.load(settings.rules,
                LoaderOptions.defaults().warnings(w -> LOG.warn("{}", w)));
        for (InputSpec in : cfg.inputs()) {
            ListenerConfig l = listener(in, settings);
            if (l != null) {
                listeners.add(l);
            }
        }
        return new RulesOutput(cfg);
    }

    private static ListenerConfig listener(InputSpec in, ServerSettings s) {
        String name = in.params().get("name");
        int maxSessions = parseInt(in.params().get("maxsessions"), ListenerConfig.DEFAULT_MAX_SESSIONS);
        switch (in.type()) {
            case "imudp":
                return new ListenerConfig(ListenerConfig.Protocol.UDP, in.address(), in.port(514),
                        name != null ? name : "imudp", 0, null, in.ruleset());
            case "imtcp":
            case "imptcp":
                if (in.tls()) {
                    ListenerConfig.TlsSettings tls = new ListenerConfig.TlsSettings(
                            path(in.params().get("streamdriver.certfile"), s.tlsCert),
                            path(in.params().get("streamdriver.keyfile"), s.tlsKey),
                            path(in.params().get("streamdriver.cafile"), s.tlsCa),
                            isX509(in.params().get("streamdriver.authmode")));
                    return new ListenerConfig(ListenerConfig.Protocol.TLS, in.address(), in.port(6514),
                            name != null ? name : in.type(), maxSessions, tls, in.ruleset());
                }
                return new ListenerConfig(ListenerConfig.Protocol.TCP, in.address(), in.port(514),
                        name != null ? name : in.type(), maxSessions, null, in.ruleset());
            default:
                LOG.info("{}: input {} is local to rsyslogd's host and not needed by Vigil (ignored)",
                        in.location(), in.type());
                return null;
        }
    }

    private static boolean isX509(String authMode) {
        return authMode != null && authMode.toLowerCase(java.util.Locale.ROOT).startsWith("x509");
    }

    private static Path path(String v, Path dflt) {
        return v != null ? Path.of(v) : dflt;
    }

    private static int parseInt(String v, int dflt) {
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** The configuration's $MaxMessageSize / global(maxMessageSize=), or {@code dflt}. */
    int maxMessageSize(int dflt) {
        int m = config.globals().maxMessageSize();
        return m > 0 ? m : dflt;
    }

    @Override
    public void process(Event event, String ruleset) {
        if (ruleset == null) {
            config.engine().process(event);
        } else {
            config.engine().process(event, ruleset);
        }
    }

    @Override
    public void flush() {
        config.engine().flush();
    }

    @Override
    public void close() {
        config.engine().close();
    }
}

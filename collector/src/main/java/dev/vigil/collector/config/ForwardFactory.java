package dev.vigil.collector.config;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.forward.ForwardAction;
import dev.vigil.collector.action.forward.ForwardSettings;
import dev.vigil.collector.action.forward.TlsSupport;
import dev.vigil.collector.template.Template;
import java.io.IOException;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/** Builds omfwd actions from {@code action(type="omfwd" ...)} parameters and the gtls globals. */
final class ForwardFactory {
    private ForwardFactory() {
    }

    static Action create(Params p, ActionContext ctx) {
        Params mod = ctx.module("omfwd");
        String host = p.get("target");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("needs a target parameter");
        }
        int port = (int) p.getLong("port", 514);
        String rewritten = ctx.options().forwardTarget()
                .apply((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port);
        int colon = rewritten.lastIndexOf(':');
        host = rewritten.substring(0, colon).replace("[", "").replace("]", "");
        port = Integer.parseInt(rewritten.substring(colon + 1));
        String protocol = p.get("protocol", "udp").toLowerCase(Locale.ROOT);
        if (!protocol.equals("udp") && !protocol.equals("tcp")) {
            throw new IllegalArgumentException("protocol '" + protocol + "' is neither udp nor tcp");
        }
        boolean octet = "octet-counted".equalsIgnoreCase(p.get("tcp_framing", "traditional"));
        int zip = (int) p.getLong("ziplevel", 0);
        Template t = DefaultActionFactory.template(ctx, p.get("template"),
                mod.get("template", "RSYSLOG_TraditionalForwardFormat"));
        SSLContext tls = null;
        java.util.List<String> peers = p.list("streamdriverpermittedpeers");
        if ("1".equals(p.get("streamdrivermode", p.get("streamdriver.mode")))) {
            tls = tls(p, ctx);
            String auth = p.get("streamdriverauthmode", "x509/name");
            if (auth.equalsIgnoreCase("x509/name") && peers.isEmpty()) {
                peers = java.util.List.of(host);
            } else if (!auth.equalsIgnoreCase("x509/name")) {
                peers = java.util.List.of();
            }
        }
        ForwardSettings s = new ForwardSettings(host, port, protocol.equals("tcp"), octet, zip,
                ctx.globals().maxMessageSize(), tls, peers, 5000);
        return ActionQueues.wrap(new ForwardAction(s, t), p, ctx);
    }

    private static SSLContext tls(Params p, ActionContext ctx) {
        Params g = ctx.globals().values();
        String driver = p.get("streamdriver", g.get("defaultnetstreamdriver", "ptcp"));
        if (!driver.equalsIgnoreCase("gtls") && !driver.equalsIgnoreCase("ossl")) {
            throw new IllegalArgumentException("stream driver mode 1 (TLS) needs the gtls or ossl driver, found '"
                    + driver + "'");
        }
        try {
            return TlsSupport.clientContext(p.get("streamdriver.cafile", g.get("defaultnetstreamdrivercafile")),
                    p.get("streamdriver.certfile", g.get("defaultnetstreamdrivercertfile")),
                    p.get("streamdriver.keyfile", g.get("defaultnetstreamdriverkeyfile")),
                    p.get("streamdriverauthmode", "x509/name"));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}

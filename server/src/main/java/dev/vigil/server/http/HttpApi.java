package dev.vigil.server.http;

import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's HTTP server: {@code /metrics}, {@code /api/health}, and whatever the API modules mount. */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private final Javalin app;

    public HttpApi(Metrics metrics, Supplier<Map<String, Object>> health) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/api/health", ctx -> {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", "ok");
            h.putAll(health.get());
            ctx.json(h);
        });
    }

    /** Lets another part of the node add routes before start. */
    public void mount(Consumer<Javalin> routes) {
        routes.accept(app);
    }

    /** Starts listening; returns the bound port. */
    public int start(String address, int port) {
        app.start(address == null ? "0.0.0.0" : address, port);
        int bound = app.port();
        LOG.info("HTTP API on {}:{} (/metrics, /api/health)", address == null ? "0.0.0.0" : address, bound);
        return bound;
    }

    @Override
    public void close() {
        app.stop();
    }
}

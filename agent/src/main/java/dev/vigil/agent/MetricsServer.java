package dev.vigil.agent;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.agent.stats.Stats;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Serves the agent's counters at {@code /metrics} in the Prometheus text format. */
final class MetricsServer implements Closeable {
    private final HttpServer http;

    MetricsServer(String address, int port, Stats stats) throws IOException {
        http = HttpServer.create(new InetSocketAddress(address, port), 8);
        http.createContext("/metrics", ex -> {
            byte[] body = stats.prometheus().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}

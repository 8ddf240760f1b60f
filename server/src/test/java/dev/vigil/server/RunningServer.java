package dev.vigil.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node on ephemeral loopback ports with its data in a temporary directory, for tests. */
final class RunningServer implements AutoCloseable {
    final VigilServer server;
    final Path data;

    RunningServer(Path data, java.util.function.Consumer<ServerSettings> tweak) throws IOException {
        this.data = data;
        ServerSettings s = new ServerSettings();
        s.data = data;
        s.syslogPort = 0;
        s.syslogAddress = "127.0.0.1";
        s.httpPort = 0;
        s.httpAddress = "127.0.0.1";
        s.ntpEnabled = false;
        s.dns = true;
        tweak.accept(s);
        server = new VigilServer(s);
        server.start();
    }

    RunningServer(Path data) throws IOException {
        this(data, s -> { });
    }

    int port(String what) {
        return server.port(what);
    }

    /** Waits until everything received so far has been written. */
    void settle() throws InterruptedException {
        Thread.sleep(200);
        if (!server.awaitIdle(30, TimeUnit.SECONDS)) {
            throw new AssertionError("queue did not drain");
        }
    }

    List<String> lines(String relative) throws IOException {
        Path p = data.resolve(relative);
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1) : List.of();
    }

    @Override
    public void close() {
        server.close();
    }
}

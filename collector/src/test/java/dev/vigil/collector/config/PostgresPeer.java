package dev.vigil.collector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests, started from Debian's binaries (/usr/lib/postgresql/N/bin) in a
 * temporary directory on an ephemeral loopback port, trust authentication for user "vigil". As root the
 * server runs as the "postgres" account (PostgreSQL refuses to run as root).
 */
final class PostgresPeer implements AutoCloseable {
    final int port;
    private final Path bin;
    private final Path data;
    private final boolean asPostgres;

    private PostgresPeer(Path bin, Path data, int port, boolean asPostgres) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** The bin directory of an installed PostgreSQL, or null. */
    static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb"))).sorted()
                    .reduce((a, b) -> b).orElse(null);
        }
    }

    static PostgresPeer start(Path dir) throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = dir.resolve("pgdata");
        Path sock = Files.createDirectories(dir.resolve("pgsock"));
        if (root) {
            UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(sock, pg);
            Files.setOwner(dir, pg);
        }
        int port = RsyslogdPeer.freePort();
        PostgresPeer p = new PostgresPeer(bin, data, port, root);
        p.run(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "vigil", "--auth=trust", "-E", "UTF8",
                "--locale=C");
        p.run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("pg.log").toString(), "-w",
                "-o", "-p " + port + " -k " + sock + " -c listen_addresses=127.0.0.1", "start");
        return p;
    }

    void stop() throws IOException, InterruptedException {
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    void restart() throws IOException, InterruptedException {
        Path dir = data.getParent();
        run(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("pg.log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir.resolve("pgsock") + " -c listen_addresses=127.0.0.1", "start");
    }

    private void run(String... cmd) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>();
        if (asPostgres) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", c) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } catch (IOException alreadyStopped) {
            // stopped by the test
        }
    }
}

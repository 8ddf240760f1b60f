package dev.vigil.collector.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private MariaDB server for tests, from Debian's {@code mariadb-server} package: its own data directory
 * made by mariadb-install-db, its own socket and pid file, an ephemeral loopback port, small InnoDB files,
 * and a user {@code vigil}/{@code secret} allowed on the {@code Syslog} database (created utf8mb4). As root
 * the server runs with {@code --user=root} (mariadbd otherwise refuses). {@link #stop()} and
 * {@link #restart()} let a test take the database away mid-stream; {@link #close()} stops exactly the
 * process this peer started.
 */
final class MariaDbPeer implements AutoCloseable {
    static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    static final String USER = "vigil";
    static final String PASSWORD = "secret";
    final int port;
    private final Path dir;
    private Process process;

    private MariaDbPeer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL_DB);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Settings shared by mariadb-install-db and the server: small files, nothing read from /etc/mysql. */
    private List<String> common() {
        List<String> c = new ArrayList<>(List.of("--no-defaults", "--datadir=" + dir.resolve("data"),
                "--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M",
                "--innodb-data-file-path=ibdata1:4M:autoextend"));
        if (root()) {
            c.add("--user=root");
        }
        return c;
    }

    static MariaDbPeer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        MariaDbPeer p = new MariaDbPeer(dir, RsyslogdPeer.freePort());
        List<String> install = new ArrayList<>();
        install.add(INSTALL_DB.toString());
        install.addAll(p.common());
        install.addAll(List.of("--auth-root-authentication-method=normal", "--skip-test-db"));
        Process i = new ProcessBuilder(install).redirectErrorStream(true)
                .redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!i.waitFor(120, TimeUnit.SECONDS) || i.exitValue() != 0) {
            i.destroyForcibly();
            throw new IOException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        // run at every start, hence IF NOT EXISTS
        Files.writeString(dir.resolve("init.sql"), "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '"
                + PASSWORD + "';\nCREATE DATABASE IF NOT EXISTS Syslog CHARACTER SET utf8mb4;\n"
                + "GRANT ALL ON Syslog.* TO '" + USER + "'@'127.0.0.1';\n");
        p.restart();
        return p;
    }

    /** Starts the server (again, on the same port and data) and waits until it accepts connections. */
    void restart() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(SERVER.toString());
        cmd.addAll(common());
        cmd.addAll(List.of("--socket=" + dir.resolve("mysqld.sock"), "--port=" + port, "--bind-address=127.0.0.1",
                "--pid-file=" + dir.resolve("mysqld.pid"), "--skip-name-resolve", "--init-file=" + dir.resolve("init.sql"),
                "--log-error=" + dir.resolve("error.log")));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mariadbd exited: " + Files.readString(dir.resolve("error.log")));
            }
            try (Connection c = DriverManager.getConnection(url("Syslog"), USER, PASSWORD)) {
                return; // the user exists only once the init file has run
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        stop();
        throw new IOException("mariadbd did not accept connections on port " + port + " within 60 s");
    }

    String url(String db) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + db;
    }

    /** Stops the server this peer started (SIGTERM: a clean shutdown) and waits for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

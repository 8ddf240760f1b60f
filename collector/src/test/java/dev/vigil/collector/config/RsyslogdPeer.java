package dev.vigil.collector.config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a private rsyslogd (Debian's package, the reference peer) in a temporary directory, the way
 * ../shared/tools/rsyslog-oracle does: foreground, own config and pid file, one TCP input on an
 * ephemeral loopback port, one main-queue worker so output order is input order. Rules may write to
 * {@code /OUT/...}; that prefix is replaced by the run's output directory.
 */
final class RsyslogdPeer {
    static final Path BINARY = Path.of("/usr/sbin/rsyslogd");
    static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

    /** What rsyslogd wrote: the output directory and its console output (config errors). */
    record Result(Path out, String console) {
    }

    private RsyslogdPeer() {
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts rsyslogd with {@code rules}, sends {@code stream} (LF-framed) on one connection, waits, stops it. */
    static Result run(Path dir, String rules, byte[] stream) throws IOException, InterruptedException {
        Running r = start(dir, rules, freePort());
        try {
            try (Socket sock = new Socket(InetAddress.getLoopbackAddress(), r.port()); OutputStream os = sock.getOutputStream()) {
                os.write(stream);
                os.write("\n<13>Jan  1 00:00:00 peer vigil-peer-end: END\n".getBytes(StandardCharsets.US_ASCII));
            }
            Path end = dir.resolve("end.log");
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && !(Files.exists(end) && Files.size(end) > 0)) {
                Thread.sleep(50);
            }
            if (!Files.exists(end)) {
                throw new IOException("rsyslogd did not process the messages: " + Files.readString(r.console()));
            }
        } finally {
            r.close();
        }
        return new Result(r.out(), Files.readString(r.console()));
    }

    /** A running private rsyslogd; {@link #close()} stops it (SIGTERM to the process this test started). */
    record Running(Process process, Path out, Path console, int port) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts rsyslogd listening on TCP {@code port} with {@code rules}; returns once it accepts connections. */
    static Running start(Path dir, String rules, int port) throws IOException, InterruptedException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path work = Files.createDirectories(dir.resolve("work"));
        String conf = String.join("\n", "$WorkDirectory " + work, "$MainMsgQueueWorkerThreads 1",
                "module(load=\"imtcp\")", "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + port + "\")",
                ":inputname, isequal, \"rsyslogd\" " + dir.resolve("internal.log"), "& stop",
                ":programname, isequal, \"vigil-peer-end\" " + dir.resolve("end.log"), "& stop", "")
                + rules.replace("/OUT/", out + "/");
        Path confFile = dir.resolve("rsyslog.conf");
        Files.writeString(confFile, conf);
        Path console = dir.resolve("console.txt");
        ProcessBuilder pb = new ProcessBuilder(command(confFile, dir)).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        environment(pb.environment());
        Process p = pb.start();
        try {
            connect(port, p).close();
        } catch (IOException e) {
            p.destroy();
            throw new IOException(e.getMessage() + ": " + Files.readString(console), e);
        }
        return new Running(p, out, console, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * rsyslogd's command line. It runs under libfaketime starting at the corpus' 2025-06-15 12:00:00 UTC
     * when faketime is installed (as the oracle ran it), so year-less timestamps get the tests' year.
     */
    private static List<String> command(Path confFile, Path dir) {
        return List.of(BINARY.toString(), "-n", "-f", confFile.toString(), "-i", dir.resolve("rsyslogd.pid").toString());
    }

    /** The oracle's environment: UTC, and libfaketime's clock starting at 2025-06-15 12:00:00 when installed. */
    private static void environment(java.util.Map<String, String> env) {
        env.put("TZ", "UTC");
        if (Files.exists(LIBFAKETIME)) {
            env.put("LD_PRELOAD", LIBFAKETIME.toString());
            env.put("FAKETIME", "@2025-06-15 12:00:00");
        }
    }

    private static Socket connect(int port, Process p) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (IOException e) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IOException("rsyslogd did not start listening on port " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** LF-joins messages. */
    static byte[] stream(List<byte[]> messages) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] m : messages) {
            b.write(m, 0, m.length);
            b.write('\n');
        }
        return b.toByteArray();
    }
}

package dev.vigil.ntp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real chronyd serving its own clock ({@code local stratum N}) on 127.0.0.1 and a free port, in a
 * private temporary directory, like the oracle kit's serve-ref.sh, but in the foreground ({@code -d})
 * so the test owns the process and stops exactly it. {@code -x}: it never touches the system clock.
 */
public final class ChronydPeer implements AutoCloseable {
    public static final String CHRONYD = "/usr/sbin/chronyd";
    private final Process process;
    public final int port;
    public final Path dir;

    private ChronydPeer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts chronyd at {@code stratum}; extra config lines (e.g. ratelimit) may be given. */
    public static ChronydPeer start(int stratum, String... extra) throws IOException, InterruptedException {
        Peers.require(CHRONYD);
        Path dir = Files.createTempDirectory("vigil-chronyd");
        Files.createDirectories(dir.resolve("sock"));
        dir.resolve("sock").toFile().setReadable(false, false);
        int port = freeUdpPort();
        StringBuilder conf = new StringBuilder()
                .append("port ").append(port).append('\n')
                .append("bindaddress 127.0.0.1\n")
                .append("local stratum ").append(stratum).append('\n')
                .append("allow 127.0.0.1\n")
                .append("cmdport 0\n")
                .append("bindcmdaddress ").append(dir.resolve("sock/chronyd.sock")).append('\n')
                .append("driftfile ").append(dir.resolve("drift")).append('\n')
                .append("pidfile ").append(dir.resolve("chronyd.pid")).append('\n')
                .append("logdir ").append(dir).append('\n');
        for (String line : extra) {
            conf.append(line).append('\n');
        }
        Files.writeString(dir.resolve("chrony.conf"), conf);
        Process p = new ProcessBuilder(List.of(CHRONYD, "-d", "-x", "-u", "root", "-f", dir.resolve("chrony.conf").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("chronyd.out").toFile()).start();
        ChronydPeer peer = new ChronydPeer(p, port, dir);
        try {
            Peers.awaitAnswer(p, port, "chronyd");
        } catch (IOException e) {
            peer.close();
            throw new IOException(e.getMessage() + ": " + Files.readString(dir.resolve("chronyd.out")), e);
        }
        return peer;
    }

    /** A UDP port free right now on 127.0.0.1 (the peer binds it immediately after). */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

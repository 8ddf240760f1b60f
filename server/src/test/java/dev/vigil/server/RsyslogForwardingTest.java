package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's rsyslogd as a lab client forwarding to the node: {@code @@host:port} (TCP) and {@code @host:port}
 * (UDP), in rsyslog's own forwarding format. Every message it forwards lands in the sender's file.
 */
class RsyslogForwardingTest {
    @TempDir
    Path dir;

    @Test
    void rsyslogdForwardsOverTcpAndUdp() throws Exception {
        String rsyslogd = Peers.require("rsyslogd");
        String logger = Peers.require("logger");
        try (RunningServer s = new RunningServer(dir.resolve("data"))) {
            int in = freePort();
            Path work = Files.createDirectories(dir.resolve("rsyslog"));
            Path conf = work.resolve("rsyslog.conf");
            Files.writeString(conf, String.join("\n",
                    "$WorkDirectory " + work,
                    "module(load=\"imtcp\")",
                    "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" + in + "\")",
                    "local0.* @@127.0.0.1:" + s.port("tcp"),
                    "local1.* @127.0.0.1:" + s.port("udp"), ""));
            Process p = new ProcessBuilder(rsyslogd, "-n", "-f", conf.toString(), "-i", work.resolve("pid").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("out.log").toFile()).start();
            try {
                waitForPort(in);
                for (int i = 0; i < 20; i++) {
                    Peers.run(List.of(logger, "-n", "127.0.0.1", "-P", "" + in, "-T", "--rfc3164", "-p", "local0.info",
                            "-t", "viatcp", "--", "tcp message " + i));
                    Peers.run(List.of(logger, "-n", "127.0.0.1", "-P", "" + in, "-T", "--rfc3164", "-p", "local1.warn",
                            "-t", "viaudp", "--", "udp message " + i));
                }
                String host = java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0];
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while ((s.lines("logs/" + host + "/viatcp.log").size() < 20
                        || s.lines("logs/" + host + "/viaudp.log").size() < 20) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                List<String> tcp = s.lines("logs/" + host + "/viatcp.log");
                List<String> udp = s.lines("logs/" + host + "/viaudp.log");
                assertThat(tcp).hasSize(20);
                assertThat(udp).hasSize(20);
                java.util.Set<String> udpWanted = new java.util.HashSet<>();
                for (int i = 0; i < 20; i++) {
                    assertThat(tcp.get(i)).endsWith(" " + host + " viatcp: tcp message " + i);
                    udpWanted.add(" " + host + " viaudp: udp message " + i);
                }
                // UDP does not promise order: compare as a set
                assertThat(udp.stream().map(l -> l.substring(l.indexOf(' '))).toList())
                        .containsExactlyInAnyOrderElementsOf(udpWanted);
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket ss = new ServerSocket(0)) {
            return ss.getLocalPort();
        }
    }

    static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("rsyslogd did not open port " + port);
    }
}

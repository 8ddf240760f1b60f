package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.collector.input.InputStats;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken senders never stop the node from serving everybody else, never make it buffer without
 * bound, and every case shows in the counters.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private static InputStats stats(RunningServer s, String protocol) {
        return s.server.inputStats().stream().filter(x -> x.protocol.equals(protocol)).findFirst().orElseThrow();
    }

    @Test
    void randomBytesHugeCountsAndEndlessLinesDoNotDisturbOtherSenders() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            int tcp = s.port("tcp");
            long seed = System.nanoTime();
            Random r = new Random(seed);
            byte[] junk = new byte[256 * 1024];
            r.nextBytes(junk);
            SyslogClients.tcp(tcp, junk);
            // a declared octet count of 2^31: falls back to LF framing, never allocates 2 GB
            SyslogClients.tcp(tcp, "2147483648 <13>Feb  5 07:08:09 h app: after huge count\n");
            // a 10 MB line without a newline: split at the maximum message size, memory stays bounded
            try (Socket big = new Socket(InetAddress.getLoopbackAddress(), tcp)) {
                OutputStream out = big.getOutputStream();
                byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 160; i++) {
                    out.write(chunk);
                }
                out.flush();
                SyslogClients.tcp(tcp, "<13>Feb  5 07:08:09 good app: still served\n");
            }
            s.settle();
            assertThat(s.lines("logs/good/app.log")).as("seed " + seed).singleElement().asString()
                    .endsWith("good app: still served");
            assertThat(s.lines("logs/h/app.log")).singleElement().asString().endsWith(" after huge count");
            InputStats st = stats(s, "tcp");
            assertThat(st.framingErrors.sum()).isGreaterThanOrEqualTo(1);
            assertThat(st.truncated.sum()).as("10 MB line split into 8096-byte messages").isGreaterThan(1000);
            assertThat(Runtime.getRuntime().totalMemory()).isLessThan(2L << 30);
        }
    }

    @Test
    void halfOpenConnectionDeliversWhatWasSentAndOthersGoOn() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            int tcp = s.port("tcp");
            Socket half = new Socket(InetAddress.getLoopbackAddress(), tcp);
            half.getOutputStream().write("<13>Feb  5 07:08:09 half app: before shutdownOutput\n".getBytes());
            half.shutdownOutput(); // half-closed: we still could read, the server sees end of stream
            SyslogClients.tcp(tcp, "<13>Feb  5 07:08:09 other app: meanwhile\n");
            s.settle();
            assertThat(s.lines("logs/half/app.log")).hasSize(1);
            assertThat(s.lines("logs/other/app.log")).hasSize(1);
            InputStream in = half.getInputStream();
            half.setSoTimeout(5000);
            assertThat(in.read()).as("server closes its side too").isEqualTo(-1);
            half.close();
        }
    }

    @Test
    void garbageInsteadOfTlsHandshakeIsCountedAndTlsGoesOn() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> {
            c.tlsPort = 0;
            c.tlsCert = certs.serverCert();
            c.tlsKey = certs.serverKey();
        })) {
            int tls = s.port("tls");
            SyslogClients.tcp(tls, "<13>Feb  5 07:08:09 plain app: this is not TLS\n".repeat(100));
            certs.send(tls, "<13>Feb  5 07:08:09 secure app: over TLS\n", false);
            s.settle();
            assertThat(s.lines("logs/secure/app.log")).singleElement().asString().endsWith("secure app: over TLS");
            assertThat(s.lines("logs/plain/app.log")).isEmpty();
            assertThat(stats(s, "tls").tlsErrors.sum()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void tenThousandIdleConnectionsDoNotBlockSenders() throws Exception {
        String python = Peers.require("python3");
        try (RunningServer s = new RunningServer(dir)) {
            int tcp = s.port("tcp");
            Path script = dir.resolve("idle.py");
            Files.writeString(script, String.join("\n",
                    "import socket, sys, time",
                    "socks = []",
                    "for i in range(int(sys.argv[2])):",
                    "    c = socket.socket(); c.connect(('127.0.0.1', int(sys.argv[1]))); socks.append(c)",
                    "print('open', len(socks), flush=True)",
                    "sys.stdin.read()", ""));
            Process idle = new ProcessBuilder(python, script.toString(), "" + tcp, "10000").start();
            try {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(idle.getInputStream()))
                        .readLine();
                assertThat(line).isEqualTo("open 10000");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (stats(s, "tcp").openConnections() < 10_000 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(stats(s, "tcp").openConnections()).isGreaterThanOrEqualTo(10_000);
                List<Thread> senders = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int id = t;
                    Thread th = new Thread(() -> {
                        try {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < 500; i++) {
                                sb.append("<13>Feb  5 07:08:09 busy").append(id).append(" app: m").append(i).append('\n');
                            }
                            SyslogClients.tcp(tcp, sb.toString());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    th.start();
                    senders.add(th);
                }
                for (Thread th : senders) {
                    th.join();
                }
                s.settle();
                for (int t = 0; t < 8; t++) {
                    assertThat(s.lines("logs/busy" + t + "/app.log")).hasSize(500);
                }
            } finally {
                idle.getOutputStream().close();
                idle.destroy();
                idle.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

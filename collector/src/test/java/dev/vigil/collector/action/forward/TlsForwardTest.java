package dev.vigil.collector.action.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.collector.config.LoaderOptions;
import dev.vigil.collector.config.RsyslogConfig;
import dev.vigil.collector.config.RsyslogConfigLoader;
import dev.vigil.core.event.Event;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * omfwd over TLS configured with rsyslog's gtls directives, against a TLS listener whose certificate
 * openssl made for the test: delivered when the certificate names a permitted peer, refused otherwise.
 */
class TlsForwardTest {
    @TempDir
    Path tmp;

    @Test
    void forwardsOverTlsOnlyToAPermittedPeer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "skipped: openssl not installed");
        Path key = tmp.resolve("key.pem");
        Path cert = tmp.resolve("cert.pem");
        Path p12 = tmp.resolve("server.p12");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=central.lab");
        run("openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(), "-out", p12.toString(),
                "-passout", "pass:test");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, "test".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (SSLServerSocket ss = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> accept(ss, received));
            t.setDaemon(true);
            t.start();
            List<String> warnings = new ArrayList<>();
            send(config(cert, "central.lab", ss.getLocalPort()), warnings, 20);
            long end = System.currentTimeMillis() + 10_000;
            while (received.size() < 20 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertThat(received).hasSize(20);
            assertThat(received.get(0)).isEqualTo("<13>Jun 15 12:00:00 client tls: message 0");
            assertThat(warnings).isEmpty();

            List<String> refused = new ArrayList<>();
            send(config(cert, "someone.else", ss.getLocalPort()), refused, 3);
            assertThat(refused).hasSize(1);
            assertThat(refused.get(0)).contains("is not a permitted peer [someone.else]");
            assertThat(received).hasSize(20);
        }
    }

    private static String config(Path ca, String peer, int port) {
        return String.join("\n", "$DefaultNetstreamDriver gtls", "$DefaultNetstreamDriverCAFile " + ca,
                "$ActionSendStreamDriverMode 1", "$ActionSendStreamDriverAuthMode x509/name",
                "$ActionSendStreamDriverPermittedPeer " + peer, "*.* @@127.0.0.1:" + port, "");
    }

    private static void send(String conf, List<String> warnings, int n) {
        RsyslogConfig cfg = RsyslogConfigLoader.load("tls.conf", conf, LoaderOptions.defaults().warnings(warnings::add));
        for (int i = 0; i < n; i++) {
            cfg.engine().process(Event.builder().received(Instant.now()).pri(13).hostname("client")
                    .syslogTag("tls:").programName("tls").msg(" message " + i)
                    .reported(dev.vigil.core.event.SyslogTime.ofInstant(Instant.parse("2025-06-15T12:00:00Z"),
                            java.time.ZoneOffset.UTC)).build());
        }
        cfg.engine().close();
    }

    private static void accept(SSLServerSocket ss, List<String> out) {
        while (!ss.isClosed()) {
            try (SSLSocket s = (SSLSocket) ss.accept();
                    BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.add(line);
                }
            } catch (java.io.IOException e) {
                // a refused handshake or the listener closing
            }
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }
}

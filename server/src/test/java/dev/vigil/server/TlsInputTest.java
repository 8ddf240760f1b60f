package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 5425 syslog over TLS with the certificate and key from PEM files, optionally requiring client certificates. */
class TlsInputTest {
    @TempDir
    Path dir;

    @Test
    void acceptsTlsSyslogWithPemCertificate() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> {
            c.tlsPort = 0;
            c.tlsCert = certs.serverCert();
            c.tlsKey = certs.serverKey();
        })) {
            String framed = "<13>Feb  5 07:08:09 tlshost app: two octet-counted";
            certs.send(s.port("tls"), "<13>Feb  5 07:08:09 tlshost app: one\n" + framed.length() + " " + framed, false);
            s.settle();
            assertThat(s.lines("logs/tlshost/app.log")).hasSize(2);
        }
    }

    @Test
    void requiredClientCertificateIsEnforced() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> {
            c.tlsPort = 0;
            c.tlsCert = certs.serverCert();
            c.tlsKey = certs.serverKey();
            c.tlsCa = certs.ca();
            c.tlsRequireClientCert = true;
        })) {
            int port = s.port("tls");
            try {
                // TLS 1.3 may only report the refused handshake on a later read or write: either way nothing lands
                certs.send(port, "<13>Feb  5 07:08:09 anon app: refused\n", false);
            } catch (javax.net.ssl.SSLException | java.net.SocketException expected) {
                // the server refused the handshake
            }
            certs.send(port, "<13>Feb  5 07:08:09 known app: accepted\n", true);
            s.settle();
            assertThat(s.lines("logs/known/app.log")).singleElement().asString().endsWith("known app: accepted");
            assertThat(s.lines("logs/anon/app.log")).isEmpty();
            assertThat(s.server.inputStats().get(s.server.inputStats().size() - 1).tlsErrors.sum()).isPositive();
        }
    }
}

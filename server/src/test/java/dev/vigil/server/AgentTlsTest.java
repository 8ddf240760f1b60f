package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.ship.Shipper;
import dev.vigil.agent.ship.ShipperSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents over TLS with certificates made by openssl: trusted server, untrusted server, required client certificate. */
class AgentTlsTest {
    @TempDir
    Path dir;

    private static ShipperSettings tls(int port, String id, ShipperSettings.Tls tls) {
        return ShipperSettings.of("127.0.0.1", port, tls, id, "tlshost")
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(300))
                .withClock(0, Duration.ofMinutes(1), dev.vigil.ntp.source.WallClock.SYSTEM);
    }

    private static void awaitFailures(Shipper s, int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (s.stats().connectFailures.sum() < n && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    void shipsOverTlsAndRefusesAServerItDoesNotTrust() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> {
            c.agentPort = 0;
            c.agentTlsCert = certs.serverCert();
            c.agentTlsKey = certs.serverKey();
        })) {
            int port = s.port("agent");
            GeneratedShipQueue queue = GeneratedShipQueue.lines(5_000, "tlshost");
            try (Shipper shipper = new Shipper(queue, tls(port, "tls-agent", new ShipperSettings.Tls(certs.ca(), null,
                    null, null)))) {
                shipper.start();
                assertThat(queue.awaitAcked(5_000, 60_000)).as("%s", shipper.stats()).isTrue();
            }
            assertThat(s.server.agentStats().accepted.sum()).isEqualTo(5_000);

            // the JVM's default trust store does not know the test CA: no connection, nothing sent
            GeneratedShipQueue other = GeneratedShipQueue.lines(10, "tlshost");
            try (Shipper untrusting = new Shipper(other, tls(port, "untrusting", new ShipperSettings.Tls(null, null,
                    null, null)))) {
                untrusting.start();
                awaitFailures(untrusting, 2);
                assertThat(untrusting.stats().connectFailures.sum()).isGreaterThanOrEqualTo(2);
                assertThat(untrusting.stats().sent.sum()).isZero();
            }
            // nor does a certificate for "localhost" pass for another name
            try (Shipper wrongName = new Shipper(other, tls(port, "wrong-name", new ShipperSettings.Tls(certs.ca(),
                    null, null, "siem.example.org")))) {
                wrongName.start();
                awaitFailures(wrongName, 2);
                assertThat(wrongName.stats().sent.sum()).isZero();
            }
            assertThat(other.acknowledged()).isZero();
            assertThat(s.server.agentStats().tlsErrors.sum()).isPositive();
        }
    }

    @Test
    void requiredClientCertificateIsEnforced() throws Exception {
        TestCerts certs = TestCerts.create(dir.resolve("pki"));
        try (RunningServer s = new RunningServer(dir.resolve("data"), c -> {
            c.agentPort = 0;
            c.agentTlsCert = certs.serverCert();
            c.agentTlsKey = certs.serverKey();
            c.agentTlsCa = certs.ca();
            c.agentRequireClientCert = true;
        })) {
            int port = s.port("agent");
            GeneratedShipQueue anonQueue = GeneratedShipQueue.lines(10, "anon");
            try (Shipper anon = new Shipper(anonQueue, tls(port, "anon", new ShipperSettings.Tls(certs.ca(), null, null,
                    null)))) {
                anon.start();
                awaitFailures(anon, 2);
                assertThat(anon.stats().connectFailures.sum()).isGreaterThanOrEqualTo(2);
            }
            assertThat(anonQueue.acknowledged()).isZero();
            GeneratedShipQueue queue = GeneratedShipQueue.lines(1_000, "known");
            try (Shipper known = new Shipper(queue, tls(port, "known", new ShipperSettings.Tls(certs.ca(),
                    certs.dir().resolve("client.pem"), certs.dir().resolve("client.key"), null)))) {
                known.start();
                assertThat(queue.awaitAcked(1_000, 60_000)).as("%s", known.stats()).isTrue();
            }
            assertThat(s.server.agentStats().accepted.sum()).isEqualTo(1_000);
        }
    }
}

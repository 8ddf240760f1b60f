package dev.vigil.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A private CA with a server and a client certificate made by openssl, and a TLS syslog client. */
record TestCerts(Path dir) {
    static TestCerts create(Path dir) throws Exception {
        String openssl = Peers.require("openssl");
        Files.createDirectories(dir);
        Path ext = dir.resolve("san.ext");
        Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Vigil Test CA");
        for (String who : List.of("server", "client")) {
            run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".rsa", "-out", who + ".csr",
                    "-subj", "/CN=" + (who.equals("server") ? "localhost" : "client"));
            run(dir, openssl, "x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", who + ".pem", "-days", "2", "-extfile", "san.ext");
            run(dir, openssl, "pkcs8", "-topk8", "-nocrypt", "-in", who + ".rsa", "-out", who + ".key");
        }
        return new TestCerts(dir);
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
    }

    Path serverCert() {
        return dir.resolve("server.pem");
    }

    Path serverKey() {
        return dir.resolve("server.key");
    }

    Path ca() {
        return dir.resolve("ca.pem");
    }

    /** Sends {@code data} over TLS (RFC 5425), trusting the test CA, optionally with the client certificate. */
    void send(int port, String data, boolean clientCert) throws Exception {
        try (SSLSocket s = (SSLSocket) context(clientCert).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(data.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    SSLContext context(boolean clientCert) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(ca())) {
            trust.setCertificateEntry("ca", cf.generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientCert) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            Certificate cert;
            try (InputStream in = Files.newInputStream(dir.resolve("client.pem"))) {
                cert = cf.generateCertificate(in);
            }
            String pem = Files.readString(dir.resolve("client.key")).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            ks.setKeyEntry("client", key, new char[0], new Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}

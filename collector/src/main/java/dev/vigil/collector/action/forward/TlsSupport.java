package dev.vigil.collector.action.forward;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for omfwd from rsyslog's gtls settings: CA file, optional client certificate and PKCS#8 key in
 * PEM, and the auth modes {@code anon} (no certificate check), {@code x509/certvalid} (chain to the CA)
 * and {@code x509/name} (chain plus a permitted peer name, or the target host, in the certificate).
 */
public final class TlsSupport {
    private TlsSupport() {
    }

    /**
     * @param authMode rsyslog's StreamDriverAuthMode: anon, x509/certvalid, x509/name (default)
     * @throws IOException when a file cannot be read or parsed
     */
    public static SSLContext clientContext(String caFile, String certFile, String keyFile, String authMode)
            throws IOException {
        try {
            TrustManager[] tms;
            if ("anon".equalsIgnoreCase(authMode)) {
                tms = new TrustManager[] {new TrustAll()};
            } else {
                if (caFile == null) {
                    throw new IOException("TLS with auth mode " + authMode + " needs a CA file ($DefaultNetstreamDriverCAFile)");
                }
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                int i = 0;
                for (Certificate c : certificates(Path.of(caFile))) {
                    ts.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                tms = tmf.getTrustManagers();
            }
            javax.net.ssl.KeyManager[] kms = null;
            if (certFile != null && keyFile != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                List<Certificate> chain = new ArrayList<>(certificates(Path.of(certFile)));
                ks.setKeyEntry("client", privateKey(Path.of(keyFile)), new char[0], chain.toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
                kms = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, tms, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup failed: " + e.getMessage(), e);
        }
    }

    static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem);
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IOException(pem + ": only unencrypted PKCS#8 keys (BEGIN PRIVATE KEY) are supported");
        }
        String b64 = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27, text.indexOf("-----END PRIVATE KEY-----"))
                .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new IOException(pem + ": unsupported key algorithm");
    }

    /** For x509/name: the server certificate must name one of {@code peers} (or the target host when empty). */
    static void checkPeer(SSLSocket ssl, String host, List<String> peers) throws IOException {
        if (peers.isEmpty()) {
            return;
        }
        Certificate[] chain;
        try {
            chain = ssl.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            throw new IOException("TLS peer not verified", e);
        }
        X509Certificate c = (X509Certificate) chain[0];
        List<String> names = new ArrayList<>();
        try {
            if (c.getSubjectAlternativeNames() != null) {
                c.getSubjectAlternativeNames().forEach(l -> names.add(String.valueOf(l.get(1)).toLowerCase(Locale.ROOT)));
            }
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IOException("unreadable peer certificate", e);
        }
        String dn = c.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                names.add(part.substring(3).toLowerCase(Locale.ROOT));
            }
        }
        for (String p : peers) {
            if (names.contains(p.toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        throw new IOException("TLS peer " + names + " is not a permitted peer " + peers);
    }

    /** rsyslog's anon mode: encryption without authentication. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

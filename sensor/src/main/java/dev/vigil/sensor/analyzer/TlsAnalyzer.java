package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.Addresses;
import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;
import dev.vigil.sensor.log.LogSchema;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * TLS (RFC 5246, RFC 8446) handshake analysis over the reassembled stream: records, handshake
 * messages (client/server hello with SNI, ALPN, supported_versions and key_share, certificates,
 * ECDHE curve), change-cipher-spec and alerts. Writes ssl.log (base/protocols/ssl/main.zeek) when
 * the connection ends, and hands server certificates to {@link X509Log}.
 */
final class TlsAnalyzer implements SessionAnalyzer {
    static final LogSchema SCHEMA = LogSchema.of("ssl",
            "ts", "time", "uid", "string", "id.orig_h", "addr", "id.orig_p", "port", "id.resp_h", "addr",
            "id.resp_p", "port", "version", "string", "cipher", "string", "curve", "string",
            "server_name", "string", "resumed", "bool", "last_alert", "string", "next_protocol", "string",
            "established", "bool", "ssl_history", "string", "cert_chain_fps", "vector[string]",
            "client_cert_chain_fps", "vector[string]", "sni_matches_cert", "bool");
    /** Largest TLS record: 2^14 plaintext plus the 2048 bytes RFC 5246 §6.2.3 allows for expansion. */
    static final int MAX_RECORD = (1 << 14) + 2048;
    /** Largest handshake message reassembled (certificate chains can be long). */
    static final int MAX_HANDSHAKE = 1 << 20;

    private final ZeekLogWriter logs;
    private final X509Log x509;
    private final boolean writeLog;
    private final Side orig = new Side(true), resp = new Side(false);
    private Double ts;
    private Integer version, cipher, curve;
    private byte[] serverName, clientSessionId;
    private boolean resumed, established;
    private String lastAlert;
    private byte[] nextProtocol;
    private final StringBuilder history = new StringBuilder(12);
    private List<String> certFps, clientCertFps;
    private List<X509Cert> serverCerts;
    private boolean seen;

    private final class Side {
        final boolean isOrig;
        byte[] rec = new byte[5];
        int recLen;
        byte[] hs = new byte[0];
        int hsLen;
        boolean encrypted;
        boolean dead;

        Side(boolean isOrig) {
            this.isOrig = isOrig;
        }
    }

    private final CertCache certCache;

    TlsAnalyzer(ZeekLogWriter logs, X509Log x509, boolean writeLog, CertCache certCache) {
        this.certCache = certCache;
        this.logs = logs;
        this.x509 = x509;
        this.writeLog = writeLog;
    }

    @Override
    public void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double t) {
        Side s = isOrig ? orig : resp;
        if (s.recLen == 0 && !seen && len > 0) {
            int first = d[off] & 0xff;
            if (first < 20 || first > 24) {
                s.dead = true; // the stream does not start with a TLS record
                return;
            }
        }
        int i = off, end = off + len;
        while (i < end && !s.dead) {
            int need = s.recLen < 5 ? 5 - s.recLen : recordLength(s) + 5 - s.recLen;
            int n = Math.min(need, end - i);
            System.arraycopy(d, i, s.rec, s.recLen, n);
            s.recLen += n;
            i += n;
            if (s.recLen == 5) {
                int type = s.rec[0] & 0xff;
                int rl = recordLength(s);
                if (type < 20 || type > 24 || (s.rec[1] != 3 && (s.rec[1] & 0xff) != 0xfe) || rl > MAX_RECORD) {
                    s.dead = true; // not TLS (or a record over the limit): stop looking at this side
                    return;
                }
                if (s.rec.length < 5 + rl) {
                    s.rec = java.util.Arrays.copyOf(s.rec, Math.max(5 + rl, Math.min(5 + MAX_RECORD, s.rec.length * 2)));
                }
            }
            if (s.recLen >= 5 && s.recLen == recordLength(s) + 5) {
                record(c, s, t);
                s.recLen = 0;
            }
        }
    }

    private static int recordLength(Side s) {
        return ((s.rec[3] & 0xff) << 8) | (s.rec[4] & 0xff);
    }

    private void record(Conn c, Side s, double t) {
        if (ts == null) {
            ts = t;
        }
        seen = true;
        int type = s.rec[0] & 0xff;
        int len = recordLength(s);
        switch (type) {
            case 20 -> { // change_cipher_spec: what follows from this side is encrypted
                history.append(s.isOrig ? 'I' : 'i');
                s.encrypted = true;
                if (orig.encrypted && resp.encrypted) {
                    established = true;
                }
            }
            case 21 -> {
                if (!s.encrypted && len >= 2) {
                    history.append(s.isOrig ? 'L' : 'l');
                    lastAlert = TlsNames.alert(s.rec[6] & 0xff);
                }
            }
            case 22 -> {
                if (!s.encrypted) {
                    handshake(c, s, s.rec, 5, len);
                }
            }
            case 23 -> {
                if (orig.encrypted && resp.encrypted) {
                    established = true;
                }
            }
            default -> { }
        }
        if (!s.encrypted || type == 20) {
            c.confirm("ssl");
        }
    }

    private void handshake(Conn c, Side s, byte[] d, int off, int len) {
        if (s.hsLen + len > MAX_HANDSHAKE) {
            s.dead = true;
            return;
        }
        if (s.hs.length < s.hsLen + len) {
            s.hs = java.util.Arrays.copyOf(s.hs, Math.max(s.hsLen + len, s.hs.length * 2 + 64));
        }
        System.arraycopy(d, off, s.hs, s.hsLen, len);
        s.hsLen += len;
        int p = 0;
        while (s.hsLen - p >= 4) {
            int mtype = s.hs[p] & 0xff;
            int mlen = ((s.hs[p + 1] & 0xff) << 16) | ((s.hs[p + 2] & 0xff) << 8) | (s.hs[p + 3] & 0xff);
            if (s.hsLen - p - 4 < mlen) {
                break;
            }
            char letter = TlsNames.handshakeLetter(mtype);
            history.append(s.isOrig ? letter : Character.toLowerCase(letter));
            message(c, s, mtype, s.hs, p + 4, mlen);
            p += 4 + mlen;
        }
        System.arraycopy(s.hs, p, s.hs, 0, s.hsLen - p);
        s.hsLen -= p;
    }

    private void message(Conn c, Side s, int type, byte[] b, int off, int len) {
        TlsReader r = new TlsReader(b, off, len);
        try {
            switch (type) {
                case 1 -> clientHello(r);
                case 2 -> serverHello(r);
                case 11 -> certificates(c, s, r);
                case 12 -> {
                    if (r.remaining() >= 3 && r.u8() == 3) { // ECParameters: named_curve (RFC 8422 §5.4)
                        curve = r.u16();
                    }
                }
                default -> { }
            }
        } catch (IndexOutOfBoundsException e) {
            // a truncated message: keep what was parsed
        }
    }

    private void clientHello(TlsReader r) {
        r.skip(2 + 32);
        clientSessionId = r.bytes(r.u8());
        r.skip(r.u16());
        r.skip(r.u8());
        if (r.remaining() < 2) {
            return;
        }
        int extEnd = r.pos() + r.u16();
        while (r.pos() + 4 <= extEnd) {
            int et = r.u16();
            int el = r.u16();
            int next = r.pos() + el;
            if (et == 0 && el >= 5) { // server_name (RFC 6066 §3)
                r.u16();
                int nt = r.u8();
                int nl = r.u16();
                if (nt == 0) {
                    serverName = r.bytes(nl);
                }
            }
            r.seek(next);
        }
    }

    private void serverHello(TlsReader r) {
        version = r.u16();
        r.skip(32);
        byte[] sid = r.bytes(r.u8());
        cipher = r.u16();
        r.skip(1);
        boolean sessionEcho = clientSessionId != null && clientSessionId.length > 0
                && java.util.Arrays.equals(sid, clientSessionId);
        boolean psk = false;
        if (r.remaining() < 2) {
            resumed = sessionEcho;
            return;
        }
        int extEnd = r.pos() + r.u16();
        while (r.pos() + 4 <= extEnd) {
            int et = r.u16();
            int el = r.u16();
            int next = r.pos() + el;
            if (et == 43 && el == 2) { // supported_versions (RFC 8446 §4.2.1): the negotiated version
                version = r.u16();
            } else if (et == 51 && el >= 2) { // key_share: the server's group
                curve = r.u16();
            } else if (et == 16 && el >= 3) { // ALPN (RFC 7301): the selected protocol
                r.u16();
                nextProtocol = r.bytes(r.u8());
            } else if (et == 41) { // pre_shared_key (RFC 8446 §4.2.11): a TLS 1.3 resumption
                psk = true;
            }
            r.seek(next);
        }
        // TLS 1.3 echoes the client's session id for middlebox compatibility; only a PSK resumes.
        resumed = version == 0x0304 ? psk : sessionEcho;
    }

    private void certificates(Conn c, Side s, TlsReader r) {
        if (version != null && version == 0x0304) {
            r.skip(r.u8()); // TLS 1.3 certificate_request_context
        }
        int end = r.pos() + r.u24();
        List<String> fps = new ArrayList<>();
        List<X509Cert> certs = new ArrayList<>();
        while (r.pos() + 3 <= end) {
            int cl = r.u24();
            byte[] der = r.bytes(cl);
            CertCache.Entry e = certCache.get(der);
            fps.add(e.sha256());
            certs.add(e.cert());
            if (version != null && version == 0x0304) {
                r.skip(r.u16()); // per-certificate extensions
            }
        }
        if (s.isOrig) {
            clientCertFps = fps;
            if (certFps == null) {
                certFps = new ArrayList<>();
            }
        } else {
            certFps = fps;
            serverCerts = certs;
            if (clientCertFps == null) {
                clientCertFps = new ArrayList<>();
            }
        }
        if (x509 != null) {
            for (int i = 0; i < certs.size(); i++) {
                x509.certificate(ts, fps.get(i), certs.get(i), !s.isOrig && i == 0, s.isOrig && i == 0);
            }
        }
    }

    static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    @Override
    public void done(Conn c) {
        if (!seen || !writeLog) {
            return;
        }
        Boolean sniMatches = null;
        if (serverName != null && serverCerts != null && !serverCerts.isEmpty() && serverCerts.get(0) != null) {
            sniMatches = serverCerts.get(0).matchesHost(new String(serverName, StandardCharsets.ISO_8859_1));
        }
        logs.write(SCHEMA, ts, c.uid(), Addresses.format(c.origHi, c.origLo), c.origPort,
                Addresses.format(c.respHi, c.respLo), c.respPort,
                version == null ? null : TlsNames.version(version), cipher == null ? null : TlsNames.cipher(cipher),
                curve == null ? null : TlsNames.curve(curve), serverName, resumed, lastAlert, nextProtocol,
                established, history.toString(), certFps, clientCertFps, sniMatches);
    }
}

package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Content-based service detection (Zeek's dynamic protocol detection, simplified): looks at the
 * first bytes of each direction and confirms http, ssl, ssh, ftp, smtp, pop3 or ntp when the
 * protocol's opening exchange is seen, whatever the port. Only loaded protocols are considered.
 */
final class ServiceDetector implements SessionAnalyzer {
    private static final int SNIFF = 64;
    private static final String[] HTTP_METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE",
        "CONNECT", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH", "BCOPY",
        "BDELETE", "BMOVE", "BPROPFIND", "BPROPPATCH", "NOTIFY", "POLL", "SUBSCRIBE", "UNSUBSCRIBE", "REPORT",
        "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "VERSION-CONTROL", "ORDERPATCH", "MKWORKSPACE", "UPDATE",
        "LABEL", "BASELINE-CONTROL", "MKREDIRECTREF", "UPDATEREDIRECTREF", "ACL", "BIND", "UNBIND", "REBIND",
        "LINK", "UNLINK"};

    private final Set<String> only;
    private final byte[] orig = new byte[SNIFF];
    private final byte[] resp = new byte[SNIFF];
    private int origLen, respLen;
    private boolean decided;

    private ServiceDetector(Set<String> only) {
        this.only = only;
    }

    static ServiceDetector create(Conn c, Set<String> only) {
        return new ServiceDetector(only);
    }

    private boolean loaded(String n) {
        return only == null || only.contains(n);
    }

    @Override
    public void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        if (decided) {
            return;
        }
        if (!c.isTcp()) {
            if (c.ipProto == 17 && loaded("ntp") && ntp(d, off, len) && (c.respPort == 123 || c.origPort == 123)) {
                c.confirm("ntp");
            }
            decided = true;
            return;
        }
        if (c.isPartial()) {
            return; // Zeek does no application-layer analysis of connections whose handshake it missed
        }
        int n;
        if (isOrig) {
            n = Math.min(len, SNIFF - origLen);
            System.arraycopy(d, off, orig, origLen, n);
            origLen += n;
        } else {
            n = Math.min(len, SNIFF - respLen);
            System.arraycopy(d, off, resp, respLen, n);
            respLen += n;
        }
        if (n == 0) {
            return;
        }
        String o = new String(orig, 0, Math.min(origLen, 64), StandardCharsets.ISO_8859_1);
        String r = new String(resp, 0, Math.min(respLen, 16), StandardCharsets.ISO_8859_1);
        if (loaded("ssh") && (o.startsWith("SSH-") || r.startsWith("SSH-"))) {
            confirm(c, "ssh");
        } else if (loaded("http") && (httpRequest(o) || r.startsWith("HTTP/1.") || r.startsWith("HTTP/0.9"))) {
            confirm(c, "http");
        } else if (loaded("ssl") && (tls(orig, origLen) && (respLen == 0 || tls(resp, respLen)))) {
            if (respLen > 0) {
                confirm(c, "ssl");
            }
        } else if (r.startsWith("+OK") && loaded("pop3") && origLen > 0) {
            confirm(c, "pop3");
        } else if (r.startsWith("220") && origLen > 0) {
            String cmd = o.length() >= 4 ? o.substring(0, 4).toUpperCase() : o.toUpperCase();
            if (loaded("smtp") && (cmd.equals("EHLO") || cmd.equals("HELO"))) {
                confirm(c, "smtp");
            } else if (loaded("ftp") && (cmd.equals("USER") || cmd.equals("AUTH"))) {
                confirm(c, "ftp");
            }
        }
        if (origLen >= SNIFF && respLen >= SNIFF) {
            decided = true; // every signature looks at the first bytes only
        }
    }

    private void confirm(Conn c, String s) {
        c.confirm(s);
        decided = true;
    }

    static boolean knownMethod(String m) {
        for (String x : HTTP_METHODS) {
            if (x.equals(m)) {
                return true;
            }
        }
        return false;
    }

    static boolean httpRequest(String o) {
        int sp = o.indexOf(' ');
        if (sp <= 0) {
            return false;
        }
        String m = o.substring(0, sp);
        for (String x : HTTP_METHODS) {
            if (x.equals(m)) {
                int eol = o.indexOf('\n');
                return eol < 0 || o.substring(0, eol).contains(" HTTP/") || o.substring(0, eol).split(" ").length == 2;
            }
        }
        return false;
    }

    /** A TLS record header (RFC 8446 §5.1) carrying a handshake, or an SSLv2 client hello. */
    static boolean tls(byte[] b, int n) {
        if (n < 3) {
            return false;
        }
        int type = b[0] & 0xff;
        if (type >= 0x14 && type <= 0x17 && b[1] == 3 && (b[2] & 0xff) <= 4) {
            return true;
        }
        return (type & 0x80) != 0 && n >= 3 && b[2] == 1; // SSLv2 CLIENT-HELLO
    }

    /** RFC 5905 §7.3: version 1-4 and a defined mode in the first byte of a 48-byte or longer packet. */
    static boolean ntp(byte[] d, int off, int len) {
        if (len < 48) {
            return false;
        }
        int v = (d[off] >> 3) & 7;
        int mode = d[off] & 7;
        return v >= 1 && v <= 4 && mode >= 1 && mode <= 7;
    }
}

package dev.vigil.sensor.analyzer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of an X.509 certificate (RFC 5280 §4.1) that x509.log shows, with names printed the
 * way OpenSSL's RFC 2253 output does (most specific attribute first). Null when the DER is bad.
 */
final class X509Cert {
    int version;
    String serial, subject, issuer, keyAlg, sigAlg, keyType, exponent, curve;
    Double notBefore, notAfter;
    Integer keyLength;
    List<String> sanDns, sanUri, sanEmail, sanIp;
    Boolean ca;
    Integer pathLen;

    static final Map<String, String> OIDS = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.1", "rsaEncryption"), Map.entry("1.2.840.10045.2.1", "id-ecPublicKey"),
            Map.entry("1.2.840.10040.4.1", "dsaEncryption"), Map.entry("1.3.101.112", "ED25519"),
            Map.entry("1.2.840.113549.1.1.4", "md5WithRSAEncryption"), Map.entry("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"), Map.entry("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
            Map.entry("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"), Map.entry("1.2.840.113549.1.1.10", "rsassaPss"),
            Map.entry("1.2.840.10045.4.1", "ecdsa-with-SHA1"), Map.entry("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
            Map.entry("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"), Map.entry("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
            Map.entry("1.2.840.10040.4.3", "dsaWithSHA1"));
    static final Map<String, String> ATTRS = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.7", "L"), Map.entry("2.5.4.8", "ST"),
            Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"), Map.entry("2.5.4.9", "street"),
            Map.entry("2.5.4.5", "serialNumber"), Map.entry("1.2.840.113549.1.9.1", "emailAddress"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"), Map.entry("0.9.2342.19200300.100.1.1", "UID"),
            Map.entry("2.5.4.4", "SN"), Map.entry("2.5.4.42", "GN"), Map.entry("2.5.4.12", "title"),
            Map.entry("2.5.4.17", "postalCode"), Map.entry("2.5.4.15", "businessCategory"));
    static final Map<String, String> CURVES = Map.of("1.2.840.10045.3.1.7", "prime256v1", "1.3.132.0.34", "secp384r1",
            "1.3.132.0.35", "secp521r1", "1.3.132.0.10", "secp256k1");

    static X509Cert parse(byte[] der) {
        try {
            X509Cert c = new X509Cert();
            Der cert = Der.read(der, 0, der.length);
            List<Der> top = cert.children();
            List<Der> tbs = top.get(0).children();
            int i = 0;
            c.version = 1;
            if (tbs.get(0).tag == 0xa0) {
                c.version = new BigInteger(tbs.get(0).children().get(0).content()).intValue() + 1;
                i++;
            }
            c.serial = serialHex(tbs.get(i++).content());
            i++; // signature algorithm inside tbs
            c.issuer = name(tbs.get(i++));
            List<Der> validity = tbs.get(i++).children();
            c.notBefore = time(validity.get(0));
            c.notAfter = time(validity.get(1));
            c.subject = name(tbs.get(i++));
            publicKey(c, tbs.get(i++));
            for (; i < tbs.size(); i++) {
                if (tbs.get(i).tag == 0xa3) {
                    extensions(c, tbs.get(i).children().get(0));
                }
            }
            c.sigAlg = oidName(top.get(1).children().get(0).oid());
            return c;
        } catch (RuntimeException e) {
            return null; // not a certificate we can read: x509.log gets no row
        }
    }

    static String oidName(String oid) {
        return OIDS.getOrDefault(oid, oid);
    }

    private static String serialHex(byte[] v) {
        int s = 0;
        while (s < v.length - 1 && v[s] == 0) {
            s++;
        }
        return HexFormat.of().withUpperCase().formatHex(v, s, v.length);
    }

    private static double time(Der t) {
        String s = new String(t.content(), StandardCharsets.US_ASCII);
        int year;
        int p;
        if (t.tag == 0x17) { // UTCTime YYMMDDHHMMSSZ (RFC 5280 §4.1.2.5.1)
            int yy = Integer.parseInt(s.substring(0, 2));
            year = yy >= 50 ? 1900 + yy : 2000 + yy;
            p = 2;
        } else {
            year = Integer.parseInt(s.substring(0, 4));
            p = 4;
        }
        LocalDateTime dt = LocalDateTime.of(year, Integer.parseInt(s.substring(p, p + 2)),
                Integer.parseInt(s.substring(p + 2, p + 4)), Integer.parseInt(s.substring(p + 4, p + 6)),
                Integer.parseInt(s.substring(p + 6, p + 8)),
                s.length() >= p + 10 && Character.isDigit(s.charAt(p + 8)) ? Integer.parseInt(s.substring(p + 8, p + 10)) : 0);
        return dt.toEpochSecond(ZoneOffset.UTC);
    }

    /** RFC 2253 string form: RDNs last to first, multi-valued RDNs joined with '+'. */
    private static String name(Der n) {
        List<Der> rdns = n.children();
        StringBuilder sb = new StringBuilder();
        for (int r = rdns.size() - 1; r >= 0; r--) {
            List<Der> avas = rdns.get(r).children();
            if (sb.length() > 0) {
                sb.append(',');
            }
            for (int a = 0; a < avas.size(); a++) {
                if (a > 0) {
                    sb.append('+');
                }
                List<Der> ava = avas.get(a).children();
                String oid = ava.get(0).oid();
                sb.append(ATTRS.getOrDefault(oid, oid)).append('=');
                escapeValue(sb, ava.get(1));
            }
        }
        return sb.toString();
    }

    private static void escapeValue(StringBuilder sb, Der v) {
        String s = v.tag == 0x1e ? new String(v.content(), StandardCharsets.UTF_16BE)
                : v.tag == 0x0c ? new String(v.content(), StandardCharsets.UTF_8)
                : new String(v.content(), StandardCharsets.ISO_8859_1);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean edge = (i == 0 && (ch == ' ' || ch == '#')) || (i == s.length() - 1 && ch == ' ');
            if (",+\"\\<>;".indexOf(ch) >= 0 || edge) {
                sb.append('\\').append(ch);
            } else if (ch < 0x20 || ch == 0x7f) {
                sb.append(String.format("\\%02X", (int) ch));
            } else if (ch > 0x7f) {
                for (byte x : String.valueOf(ch).getBytes(StandardCharsets.UTF_8)) {
                    sb.append(String.format("\\%02X", x & 0xff));
                }
            } else {
                sb.append(ch);
            }
        }
    }

    private static void publicKey(X509Cert c, Der spki) {
        List<Der> parts = spki.children();
        List<Der> alg = parts.get(0).children();
        String oid = alg.get(0).oid();
        c.keyAlg = oidName(oid);
        Der bits = parts.get(1);
        switch (oid) {
            case "1.2.840.113549.1.1.1" -> {
                c.keyType = "rsa";
                Der key = Der.read(bits.b, bits.start + 1, bits.end);
                List<Der> rsa = key.children();
                c.keyLength = new BigInteger(1, rsa.get(0).content()).bitLength();
                c.exponent = new BigInteger(1, rsa.get(1).content()).toString();
            }
            case "1.2.840.10045.2.1" -> {
                c.keyType = "ecdsa";
                if (alg.size() > 1 && alg.get(1).tag == 0x06) {
                    String co = alg.get(1).oid();
                    c.curve = CURVES.getOrDefault(co, co);
                }
                int pointLen = bits.length() - 1;
                c.keyLength = ((pointLen - 1) / 2) * 8;
            }
            case "1.2.840.10040.4.1" -> {
                c.keyType = "dsa";
                if (alg.size() > 1) {
                    c.keyLength = new BigInteger(1, alg.get(1).children().get(0).content()).bitLength();
                }
            }
            default -> { }
        }
    }

    private static void extensions(X509Cert c, Der seq) {
        for (Der ext : seq.children()) {
            List<Der> e = ext.children();
            String oid = e.get(0).oid();
            Der value = e.get(e.size() - 1);
            Der inner = Der.read(value.b, value.start, value.end);
            if (oid.equals("2.5.29.17")) {
                for (Der gn : inner.children()) {
                    String s = new String(gn.content(), StandardCharsets.ISO_8859_1);
                    switch (gn.tag) {
                        case 0x82 -> c.sanDns = add(c.sanDns, s);
                        case 0x86 -> c.sanUri = add(c.sanUri, s);
                        case 0x81 -> c.sanEmail = add(c.sanEmail, s);
                        case 0x87 -> c.sanIp = add(c.sanIp, ip(gn.content()));
                        default -> { }
                    }
                }
            } else if (oid.equals("2.5.29.19")) {
                c.ca = false;
                for (Der x : inner.children()) {
                    if (x.tag == 0x01) {
                        c.ca = x.length() > 0 && x.b[x.start] != 0;
                    } else if (x.tag == 0x02) {
                        c.pathLen = new BigInteger(x.content()).intValue();
                    }
                }
            }
        }
    }

    private static String ip(byte[] a) {
        try {
            return java.net.InetAddress.getByAddress(a).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return HexFormat.of().formatHex(a);
        }
    }

    private static List<String> add(List<String> l, String s) {
        if (l == null) {
            l = new ArrayList<>();
        }
        l.add(s);
        return l;
    }

    /** Does the host name match the certificate (SAN DNS names, else the subject CN; "*." wildcards)? */
    boolean matchesHost(String host) {
        List<String> names = sanDns;
        if (names == null) {
            names = new ArrayList<>();
            for (String part : subject.split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3));
                }
            }
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            String p = n.toLowerCase(Locale.ROOT);
            if (p.equals(h)) {
                return true;
            }
            if (p.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot).equals(p.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }
}

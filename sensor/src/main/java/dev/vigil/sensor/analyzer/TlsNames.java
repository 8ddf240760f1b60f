package dev.vigil.sensor.analyzer;

import java.util.HashMap;
import java.util.Map;

/** Names Zeek prints for TLS code points (base/protocols/ssl/consts.zeek; IANA TLS registries). */
final class TlsNames {
    private TlsNames() {
    }

    static String version(int v) {
        return switch (v) {
            case 0x0002 -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv10";
            case 0x0302 -> "TLSv11";
            case 0x0303 -> "TLSv12";
            case 0x0304 -> "TLSv13";
            case 0xfeff -> "DTLSv10";
            case 0xfefd -> "DTLSv12";
            case 0xfefc -> "DTLSv13";
            default -> (v >> 8) == 0x7f ? "TLSv13-draft" + (v & 0xff) : "unknown-" + v;
        };
    }

    private static final Map<Integer, String> CIPHERS = new HashMap<>();
    private static final Map<Integer, String> CURVES = new HashMap<>();
    private static final Map<Integer, String> ALERTS = new HashMap<>();

    private static void c(int code, String name) {
        CIPHERS.put(code, name);
    }

    static {
        c(0x0000, "TLS_NULL_WITH_NULL_NULL"); c(0x0001, "TLS_RSA_WITH_NULL_MD5"); c(0x0002, "TLS_RSA_WITH_NULL_SHA");
        c(0x0004, "TLS_RSA_WITH_RC4_128_MD5"); c(0x0005, "TLS_RSA_WITH_RC4_128_SHA");
        c(0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"); c(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");
        c(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"); c(0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA");
        c(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"); c(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA");
        c(0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA"); c(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
        c(0x003b, "TLS_RSA_WITH_NULL_SHA256"); c(0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256");
        c(0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"); c(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA");
        c(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"); c(0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256");
        c(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"); c(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        c(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"); c(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        c(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"); c(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        c(0x1301, "TLS_AES_128_GCM_SHA256"); c(0x1302, "TLS_AES_256_GCM_SHA384");
        c(0x1303, "TLS_CHACHA20_POLY1305_SHA256"); c(0x1304, "TLS_AES_128_CCM_SHA256"); c(0x1305, "TLS_AES_128_CCM_8_SHA256");
        c(0x5600, "TLS_FALLBACK_SCSV");
        c(0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA"); c(0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA");
        c(0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA"); c(0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA");
        c(0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA"); c(0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA");
        c(0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"); c(0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA");
        c(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"); c(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
        c(0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA"); c(0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA");
        c(0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA"); c(0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA");
        c(0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA"); c(0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA");
        c(0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"); c(0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");
        c(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"); c(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
        c(0xc015, "TLS_ECDH_anon_WITH_NULL_SHA"); c(0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256");
        c(0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"); c(0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
        c(0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"); c(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        c(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"); c(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        c(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        c(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        c(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        c(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

        CURVES.put(1, "sect163k1"); CURVES.put(19, "secp192r1"); CURVES.put(21, "secp224r1");
        CURVES.put(22, "secp256k1"); CURVES.put(23, "secp256r1"); CURVES.put(24, "secp384r1");
        CURVES.put(25, "secp521r1"); CURVES.put(26, "brainpoolP256r1"); CURVES.put(27, "brainpoolP384r1");
        CURVES.put(28, "brainpoolP512r1"); CURVES.put(29, "x25519"); CURVES.put(30, "x448");
        CURVES.put(256, "ffdhe2048"); CURVES.put(257, "ffdhe3072"); CURVES.put(258, "ffdhe4096");
        CURVES.put(0x11ec, "X25519MLKEM768");

        int[] codes = {0, 10, 20, 21, 22, 30, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 60, 70, 71, 80, 86, 90,
            100, 109, 110, 111, 112, 113, 114, 115, 116, 120};
        String[] names = {"close_notify", "unexpected_message", "bad_record_mac", "decryption_failed", "record_overflow",
            "decompression_failure", "handshake_failure", "no_certificate", "bad_certificate", "unsupported_certificate",
            "certificate_revoked", "certificate_expired", "certificate_unknown", "illegal_parameter", "unknown_ca",
            "access_denied", "decode_error", "decrypt_error", "export_restriction", "protocol_version",
            "insufficient_security", "internal_error", "inappropriate_fallback", "user_canceled", "no_renegotiation",
            "missing_extension", "unsupported_extension", "certificate_unobtainable", "unrecognized_name",
            "bad_certificate_status_response", "bad_certificate_hash_value", "unknown_psk_identity",
            "certificate_required", "no_application_protocol"};
        for (int i = 0; i < codes.length; i++) {
            ALERTS.put(codes[i], names[i]);
        }
    }

    static String cipher(int c) {
        String s = CIPHERS.get(c);
        return s != null ? s : "unknown-" + c;
    }

    static String curve(int c) {
        String s = CURVES.get(c);
        return s != null ? s : "unknown-" + c;
    }

    static String alert(int a) {
        String s = ALERTS.get(a);
        return s != null ? s : "unknown-" + a;
    }

    /** ssl_history letter of a handshake message type (upper case; the server's are lower-cased). */
    static char handshakeLetter(int type) {
        return switch (type) {
            case 0 -> 'H';
            case 1 -> 'C';
            case 2 -> 'S';
            case 3 -> 'V';
            case 4 -> 'T';
            case 5 -> 'E';
            case 6 -> 'J';
            case 8 -> 'O';
            case 11 -> 'X';
            case 12 -> 'K';
            case 13 -> 'R';
            case 14 -> 'N';
            case 15 -> 'Y';
            case 16 -> 'G';
            case 20 -> 'F';
            case 21 -> 'W';
            case 22 -> 'U';
            case 23 -> 'A';
            case 24 -> 'P';
            case 254 -> 'M';
            default -> 'Z';
        };
    }
}

package dev.vigil.sensor.analyzer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** MIME type from a file's first bytes, for the common formats Zeek's signatures recognise. */
final class FileMagic {
    private FileMagic() {
    }

    private static final int[] PNG = {0x89, 'P', 'N', 'G'};
    private static final int[] JPEG = {0xff, 0xd8, 0xff};
    private static final int[] ZIP = {'P', 'K', 3, 4};
    private static final int[] GZIP = {0x1f, 0x8b};
    private static final int[] ELF = {0x7f, 'E', 'L', 'F'};

    /** No signature looks past this many bytes (leading white space up to 256, then 64 bytes of text). */
    static final int EXAMINED = 512;

    static String sniff(byte[] b) {
        return sniff(b, b.length);
    }

    /** The MIME type of a file starting with {@code b[0..len)}, or null when no signature matches. */
    static String sniff(byte[] b, int len) {
        if (len == 0) {
            return null;
        }
        if (starts(b, len, PNG)) {
            return "image/png";
        }
        if (starts(b, len, "GIF87a") || starts(b, len, "GIF89a")) {
            return "image/gif";
        }
        if (starts(b, len, JPEG)) {
            return "image/jpeg";
        }
        if (starts(b, len, "%PDF-")) {
            return "application/pdf";
        }
        if (starts(b, len, ZIP)) {
            return "application/zip";
        }
        if (starts(b, len, GZIP)) {
            return "application/x-gzip";
        }
        if (starts(b, len, "MZ")) {
            return "application/x-dosexec";
        }
        if (starts(b, len, ELF)) {
            return "application/x-executable";
        }
        if (len >= 3 && (b[0] & 0xff) == 0x30 && (b[1] & 0xff) == 0x82) {
            return "application/x-x509-ca-cert";
        }
        int ws = 0;
        while (ws < len && ws < 256 && (b[ws] == ' ' || b[ws] == '\t' || b[ws] == '\r' || b[ws] == '\n')) {
            ws++;
        }
        String head = new String(b, ws, Math.min(len - ws, 64), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (head.startsWith("<?xml")) {
            return "application/xml";
        }
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<title") || head.startsWith("<body") || head.startsWith("<script")
                || head.startsWith("<h1") || head.startsWith("<!--") || head.startsWith("<table")
                || head.startsWith("<meta") || head.startsWith("<div") || head.startsWith("<p>")) {
            return "text/html";
        }
        if (head.startsWith("{") && (head.contains("\":") || head.length() < 3)) {
            return "application/json";
        }
        if (len >= 10) {
            boolean text = true;
            for (int i = 0; i < 10 && text; i++) {
                int c = b[i] & 0xff;
                text = (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == 0x0c;
            }
            if (text) {
                return "text/plain"; // the weakest signature: ten printable characters
            }
        }
        return null;
    }

    private static boolean starts(byte[] b, int len, String s) {
        if (len < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if ((b[i] & 0xff) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean starts(byte[] b, int len, int[] p) {
        if (len < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if ((b[i] & 0xff) != p[i]) {
                return false;
            }
        }
        return true;
    }
}

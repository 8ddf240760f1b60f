package dev.vigil.sensor.analyzer;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** MIME type from a file's first bytes, for the common formats Zeek's signatures recognise. */
final class FileMagic {
    private FileMagic() {
    }

    static String sniff(byte[] b) {
        if (b.length == 0) {
            return null;
        }
        if (starts(b, new int[] {0x89, 'P', 'N', 'G'})) {
            return "image/png";
        }
        if (starts(b, "GIF87a") || starts(b, "GIF89a")) {
            return "image/gif";
        }
        if (starts(b, new int[] {0xff, 0xd8, 0xff})) {
            return "image/jpeg";
        }
        if (starts(b, "%PDF-")) {
            return "application/pdf";
        }
        if (starts(b, new int[] {'P', 'K', 3, 4})) {
            return "application/zip";
        }
        if (starts(b, new int[] {0x1f, 0x8b})) {
            return "application/x-gzip";
        }
        if (starts(b, "MZ")) {
            return "application/x-dosexec";
        }
        if (starts(b, new int[] {0x7f, 'E', 'L', 'F'})) {
            return "application/x-executable";
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0x30 && (b[1] & 0xff) == 0x82) {
            return "application/x-x509-ca-cert";
        }
        int ws = 0;
        while (ws < b.length && ws < 256 && (b[ws] == ' ' || b[ws] == '\t' || b[ws] == '\r' || b[ws] == '\n')) {
            ws++;
        }
        String head = new String(b, ws, Math.min(b.length - ws, 64), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
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
        if (b.length >= 10) {
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

    private static boolean starts(byte[] b, String s) {
        return starts(b, s.chars().toArray());
    }

    private static boolean starts(byte[] b, int[] p) {
        if (b.length < p.length) {
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

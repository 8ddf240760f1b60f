package dev.vigil.sensor.analyzer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An HTTP request line split the way Zeek's HTTP analyzer splits it (HTTP_RequestLine and
 * ParseRequest): a token method, white space, a URI of URI characters (empty when the line goes
 * straight to "HTTP/"), and a version "HTTP/x.y" after white space, or HTTP/0.9 when there is none.
 */
record HttpRequestLine(byte[] method, byte[] uri, String version) {
    /** The parsed line, or null when it is not a request line. */
    static HttpRequestLine parse(byte[] line) {
        int n = line.length;
        int i = 0;
        while (i < n && HttpAnalyzer.isTokenChar(line[i])) {
            i++;
        }
        if (i == 0 || i >= n || (line[i] != ' ' && line[i] != '\t')) {
            return null;
        }
        byte[] method = Arrays.copyOf(line, i);
        int uriStart = skipWs(line, i);
        int endOfUri = uriStart;
        while (endOfUri < n && isUriChar(line[endOfUri])) {
            endOfUri++;
        }
        if (endOfUri >= n && HttpAnalyzer.startsWith(line, uriStart, "HTTP/")) {
            endOfUri = uriStart; // missing_HTTP_uri: leave the URI empty
        }
        int versionStart = endOfUri;
        for (; versionStart < n; versionStart++) {
            endOfUri = versionStart;
            versionStart = skipWs(line, versionStart);
            if (HttpAnalyzer.startsWith(line, versionStart, "HTTP/")) {
                break;
            }
        }
        String version;
        if (versionStart >= n) {
            version = "0.9";
        } else if (versionStart + 8 <= n) {
            version = new String(line, versionStart + 5, 3, StandardCharsets.ISO_8859_1);
        } else {
            version = "bad";
        }
        return new HttpRequestLine(method, Arrays.copyOfRange(line, uriStart, Math.max(uriStart, endOfUri)), version);
    }

    static int skipWs(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** RFC 2396 reserved and unreserved characters, and '%'. */
    static boolean isUriChar(byte b) {
        int c = b & 0xff;
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ";/?:@&=+$,-_.!~*'()%".indexOf(c) >= 0;
    }

}

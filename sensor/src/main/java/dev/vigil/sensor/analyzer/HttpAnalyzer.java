package dev.vigil.sensor.analyzer;

import dev.vigil.sensor.conn.Conn;
import dev.vigil.sensor.conn.SessionAnalyzer;
import dev.vigil.sensor.log.ZeekLogWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.x (RFC 9112) over one TCP connection: request and status lines, headers, bodies by
 * Content-Length, chunked transfer coding or connection close, pipelining (trans_depth),
 * 1xx interim replies and HTTP/0.9. Writes http.log rows when a reply is complete, like
 * base/protocols/http/main.zeek, and the rest when the connection ends.
 */
final class HttpAnalyzer implements SessionAnalyzer {
    /** Longest request, status or header line accepted; longer lines end the analysis of that side. */
    static final int MAX_LINE = 64 * 1024;

    private final ZeekLogWriter logs;
    private final FileSink files;
    private final Map<Integer, HttpInfo> pending = new TreeMap<>();
    private final Map<Integer, Boolean> requestWasV09 = new java.util.HashMap<>(4);
    private final Map<Integer, Boolean> requestWasHead = new java.util.HashMap<>(4);
    private int currentRequest;
    private int currentResponse;
    private final HttpSide orig;
    private final HttpSide resp;
    private Conn conn;
    private double now;

    private final boolean byPort;
    private boolean checkedPartial;

    HttpAnalyzer(ZeekLogWriter logs, FileSink files, boolean byPort) {
        this.byPort = byPort;
        this.logs = logs;
        this.files = files;
        this.orig = new HttpSide(true, this);
        this.resp = new HttpSide(false, this);
    }

    @Override
    public void deliver(Conn c, boolean isOrig, byte[] d, int off, int len, double ts) {
        conn = c;
        now = ts;
        if (!checkedPartial) {
            checkedPartial = true;
            if (c.isPartial()) {
                orig.kill(); // Zeek does no application analysis when it missed the handshake
                resp.kill();
                return;
            }
        }
        if (!byPort && !sniffed && isOrig) {
            int n = Math.min(len, prefix.length - prefixLen);
            System.arraycopy(d, off, prefix, prefixLen, n);
            prefixLen += n;
            int verdict = startsLikeRequest(prefix, prefixLen);
            if (verdict < 0) {
                orig.kill(); // off the HTTP ports, only a request with a known method starts HTTP analysis
                resp.kill();
                sniffed = true;
                return;
            }
            sniffed = verdict > 0;
        }
        if (!byPort && currentRequest == 0 && !isOrig) {
            return; // nothing to pair a reply with yet
        }
        (isOrig ? orig : resp).feed(d, off, len, ts);
    }

    // ---- events from the two sides ----

    /** A request line; false if it is not one (the side then stops). */
    boolean request(byte[] line, double ts) {
        HttpRequestLine r = HttpRequestLine.parse(line);
        if (r == null) {
            return false;
        }
        if (!byPort && currentRequest == 0 && !ServiceDetector.knownMethod(new String(r.method(), StandardCharsets.ISO_8859_1))) {
            return false; // off the HTTP ports only the DPD signature's methods start an HTTP session
        }
        currentRequest++;
        HttpInfo info = infoFor(currentRequest, ts);
        info.method = r.method();
        info.uri = UriUnescape.unescape(r.uri());
        requestWasV09.put(currentRequest, r.version().equals("0.9"));
        requestWasHead.put(currentRequest, new String(r.method(), StandardCharsets.ISO_8859_1).equals("HEAD"));
        conn.confirm("http");
        return true;
    }

    boolean isV09Request(int index) {
        return requestWasV09.getOrDefault(index, false);
    }

    /** The reply side has no status line because the request was HTTP/0.9. */
    boolean nextReplyIsV09() {
        return isV09Request(currentResponse + 1);
    }

    /** A status line (or the implicit one of an HTTP/0.9 reply). */
    void reply(String version, int code, byte[] reason, double ts) {
        HttpInfo cur = pending.get(currentResponse);
        if (cur == null || (cur.statusCode != null && !(cur.statusCode >= 100 && cur.statusCode <= 199))) {
            currentResponse++;
        }
        HttpInfo info = infoFor(currentResponse, ts);
        info.statusCode = code;
        info.statusMsg = reason;
        info.version = version;
        if (code >= 100 && code <= 199) {
            info.infoCode = code;
            info.infoMsg = reason;
        }
        conn.confirm("http");
    }

    boolean replyHasNoBody(int code) {
        return (code >= 100 && code <= 199) || code == 204 || code == 304
                || requestWasHead.getOrDefault(currentResponse, false);
    }

    HttpInfo current(boolean isOrig) {
        return pending.get(isOrig ? currentRequest : currentResponse);
    }

    void header(boolean isOrig, String name, byte[] value, double ts) {
        HttpInfo info = current(isOrig);
        if (info == null) {
            return;
        }
        if (isOrig) {
            switch (name) {
                case "HOST" -> info.host = value;
                case "RANGE" -> info.rangeRequest = true;
                case "REFERER" -> info.referrer = value;
                case "USER-AGENT" -> info.userAgent = value;
                case "ORIGIN" -> info.origin = value;
                case "AUTHORIZATION" -> basicAuth(info, value);
                case "FORWARDED", "X-FORWARDED-FOR", "X-FORWARDED-FROM", "CLIENT-IP", "VIA", "XROXY-CONNECTION",
                        "PROXY-CONNECTION" -> {
                    if (info.proxied == null) {
                        info.proxied = new java.util.ArrayList<>();
                    }
                    info.proxied.add(name + " -> " + new String(value, StandardCharsets.ISO_8859_1));
                }
                default -> { }
            }
        }
    }

    private static void basicAuth(HttpInfo info, byte[] value) {
        String v = new String(value, StandardCharsets.ISO_8859_1).strip();
        if (v.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                byte[] dec = java.util.Base64.getDecoder().decode(v.substring(6).strip());
                int colon = -1;
                for (int k = 0; k < dec.length; k++) {
                    if (dec[k] == ':') {
                        colon = k;
                        break;
                    }
                }
                if (colon >= 0) {
                    info.username = Arrays.copyOf(dec, colon);
                    info.password = Arrays.copyOfRange(dec, colon + 1, dec.length);
                } else {
                    info.username = dec;
                }
            } catch (IllegalArgumentException e) {
                info.username = "<problem-decoding>".getBytes(StandardCharsets.US_ASCII);
            }
        } else if (!v.isEmpty()) {
            info.username = "<unknown>".getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Body bytes of the current message of one side. */
    void body(boolean isOrig, HttpSide.Entity e, byte[] d, int off, int len) {
        HttpInfo info = current(isOrig);
        if (info == null || len <= 0) {
            return;
        }
        if (isOrig) {
            info.requestBodyLen += len;
        } else {
            info.responseBodyLen += len;
        }
        if (e.file == null) {
            if (!isOrig && info.rangeRequest && e.rangeStart >= 0) {
                // Zeek's file handle for range replies: analyzer, direction, client and URL, so the
                // pieces fetched over several connections are one file.
                String url = (info.host == null ? "" : new String(info.host, StandardCharsets.ISO_8859_1))
                        + (info.uri == null ? "" : new String(info.uri, StandardCharsets.ISO_8859_1));
                e.file = files.shared(conn, "HTTP|" + dev.vigil.sensor.Addresses.format(conn.origHi, conn.origLo)
                        + "|" + url, "HTTP", e.rangeStart, e.rangeTotal);
            } else {
                e.file = files.open(conn, isOrig, "HTTP", 0);
            }
            if (e.contentLength >= 0 && !(e.file instanceof FileSink.Piece)) {
                e.file.total(e.contentLength);
            }
            if (isOrig) {
                info.origFuids.add(e.file.fuid());
            } else {
                info.respFuids.add(e.file.fuid());
            }
        }
        e.file.data(d, off, len, now);
    }

    /** Counts body bytes of a multipart message (its parts feed files separately). */
    void countBody(boolean isOrig, int len) {
        HttpInfo info = current(isOrig);
        if (info == null) {
            return;
        }
        if (isOrig) {
            info.requestBodyLen += len;
        } else {
            info.responseBodyLen += len;
        }
    }

    /** Content of one multipart part: feeds that part's file without counting body bytes again. */
    void partBody(boolean isOrig, HttpSide.Entity part, byte[] d, int off, int len) {
        HttpInfo info = current(isOrig);
        if (info == null || len <= 0) {
            return;
        }
        if (part.file == null) {
            part.file = files.open(conn, isOrig, "HTTP", 0);
            (isOrig ? info.origFuids : info.respFuids).add(part.file.fuid());
        }
        part.file.data(d, off, len, now);
    }

    /** Multipart part filename (Content-Disposition) for the current message. */
    void filename(boolean isOrig, byte[] name) {
        HttpInfo info = current(isOrig);
        if (info == null) {
            return;
        }
        if (isOrig) {
            info.origFilenames.add(name);
            info.hasOrigFilename = true;
        } else {
            info.respFilenames.add(name);
            info.hasRespFilename = true;
        }
    }

    /** One entity (whole body or multipart part) ended. */
    void entityDone(boolean isOrig, HttpSide.Entity e) {
        if (e.file == null) {
            return;
        }
        String mime = e.file.finish();
        HttpInfo info = current(isOrig);
        if (info != null && mime != null) {
            (isOrig ? info.origMime : info.respMime).add(mime);
        }
        e.file = null;
    }

    /** A whole message (headers and body) ended on one side. */
    void messageDone(boolean isOrig) {
        if (isOrig) {
            return;
        }
        HttpInfo info = pending.get(currentResponse);
        if (info != null && !(info.statusCode != null && info.statusCode >= 100 && info.statusCode <= 199)) {
            logs.write(HttpInfo.SCHEMA, info.row(conn));
            pending.remove(currentResponse);
        }
    }

    private HttpInfo infoFor(int index, double ts) {
        HttpInfo info = pending.get(index);
        if (info == null) {
            info = new HttpInfo();
            info.ts = ts;
            info.transDepth = index;
            pending.put(index, info);
        }
        return info;
    }

    @Override
    public void done(Conn c) {
        conn = c;
        orig.close();
        resp.close();
        for (HttpInfo info : pending.values()) {
            logs.write(HttpInfo.SCHEMA, info.row(c));
        }
        pending.clear();
    }

    private final byte[] prefix = new byte[24];
    private int prefixLen;
    private boolean sniffed;

    /** 1: the stream starts with a known method and a space; -1: it does not; 0: too early to tell. */
    private static int startsLikeRequest(byte[] d, int len) {
        int i = 0;
        while (i < len && isTokenChar(d[i])) {
            i++;
        }
        if (i == len) {
            return len < d.length && (i > 0 || len == 0) ? 0 : -1; // the method may continue in the next segment
        }
        return i > 0 && d[i] == ' ' && ServiceDetector.knownMethod(new String(d, 0, i, StandardCharsets.ISO_8859_1))
                ? 1 : -1;
    }

    static boolean isTokenChar(byte b) {
        int c = b & 0xff;
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    static boolean startsWith(byte[] b, int at, String s) {
        if (b.length - at < s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}

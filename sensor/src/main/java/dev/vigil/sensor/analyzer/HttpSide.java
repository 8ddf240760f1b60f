package dev.vigil.sensor.analyzer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One direction of an HTTP connection as a byte-at-a-time state machine: first line, headers,
 * then the body framed by Content-Length, chunked coding (RFC 9112 §7.1) or the connection's end.
 */
final class HttpSide {
    private static final int FIRST = 0, HEADERS = 1, BODY_LENGTH = 2, CHUNK_SIZE = 3, CHUNK_DATA = 4,
            CHUNK_CRLF = 5, CHUNK_TRAILER = 6, BODY_CLOSE = 7, DEAD = 8;

    /** A body being received, with the file it feeds. */
    static final class Entity {
        FileSink.File file;
        long contentLength = -1;
        /** Content-Range of a 206 reply: first byte offset and complete length (-1 when absent). */
        long rangeStart = -1, rangeTotal = -1;
    }

    private final boolean isOrig;
    private final HttpAnalyzer http;
    private int state = FIRST;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    private long remaining;
    private long contentLength;
    private boolean chunked;
    private String lastHeader;
    private static final java.util.regex.Pattern CONTENT_RANGE =
            java.util.regex.Pattern.compile("bytes\\s+([0-9]+)-([0-9]+)/([0-9]+)");
    private byte[] lastValue;
    private int replyCode;
    private byte[] firstLineRaw;
    private final Entity entity = new Entity();
    private MultipartParser multipart;

    HttpSide(boolean isOrig, HttpAnalyzer http) {
        this.isOrig = isOrig;
        this.http = http;
    }

    void feed(byte[] d, int off, int len, double ts) {
        int end = off + len;
        int i = off;
        while (i < end && state != DEAD) {
            switch (state) {
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    bodyBytes(d, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        if (state == BODY_LENGTH) {
                            endMessage();
                        } else {
                            state = CHUNK_CRLF;
                        }
                    }
                }
                case BODY_CLOSE -> {
                    bodyBytes(d, i, end - i);
                    i = end;
                }
                default -> {
                    int nl = i;
                    while (nl < end && d[nl] != '\n') {
                        nl++;
                    }
                    int take = Math.min(nl - i, HttpAnalyzer.MAX_LINE - line.size());
                    if (take < nl - i) {
                        state = DEAD; // a line this long is not HTTP any more
                        break;
                    }
                    if (nl < end && line.size() == 0) {
                        // the whole line is in this segment: no copy through the line buffer
                        if (state == FIRST && !isOrig) {
                            firstLineRaw = Arrays.copyOfRange(d, i, nl + 1);
                        }
                        int n = nl > i && d[nl - 1] == '\r' ? nl - 1 : nl;
                        byte[] l = Arrays.copyOfRange(d, i, n);
                        i = nl + 1;
                        onLine(l, ts);
                        break;
                    }
                    line.write(d, i, take);
                    i = nl;
                    if (i == end) {
                        break;
                    }
                    i++; // the '\n'
                    {
                        byte[] l = line.toByteArray();
                        if (state == FIRST && !isOrig) {
                            firstLineRaw = Arrays.copyOf(l, l.length + 1);
                            firstLineRaw[l.length] = '\n';
                        }
                        int n = l.length;
                        if (n > 0 && l[n - 1] == '\r') {
                            n--;
                        }
                        line.reset();
                        onLine(Arrays.copyOf(l, n), ts);
                    }
                }
            }
        }
    }

    private void onLine(byte[] l, double ts) {
        switch (state) {
            case FIRST -> {
                if (l.length == 0) {
                    return; // blank lines between messages
                }
                if (isOrig) {
                    if (!http.request(l, ts)) {
                        state = DEAD;
                        return;
                    }
                } else {
                    if (!statusLine(l, ts)) {
                        return;
                    }
                }
                contentLength = -1;
                chunked = false;
                lastHeader = null;
                multipart = null;
                state = HEADERS;
            }
            case HEADERS -> {
                if (l.length == 0) {
                    flushHeader(ts);
                    startBody();
                    return;
                }
                if ((l[0] == ' ' || l[0] == '\t') && lastHeader != null) {
                    byte[] joined = Arrays.copyOf(lastValue, lastValue.length + l.length);
                    System.arraycopy(l, 0, joined, lastValue.length, l.length);
                    lastValue = joined;
                    return;
                }
                flushHeader(ts);
                int colon = indexOf(l, (byte) ':');
                if (colon <= 0) {
                    return;
                }
                lastHeader = headerName(l, colon);
                int v = colon + 1;
                while (v < l.length && (l[v] == ' ' || l[v] == '\t')) {
                    v++;
                }
                int e = l.length;
                while (e > v && (l[e - 1] == ' ' || l[e - 1] == '\t')) {
                    e--;
                }
                lastValue = Arrays.copyOfRange(l, v, e);
            }
            case CHUNK_SIZE -> {
                String s = new String(l, StandardCharsets.ISO_8859_1).strip();
                int semi = s.indexOf(';');
                if (semi >= 0) {
                    s = s.substring(0, semi).strip();
                }
                long size;
                try {
                    size = Long.parseLong(s, 16);
                } catch (NumberFormatException e) {
                    state = DEAD;
                    return;
                }
                if (size == 0) {
                    state = CHUNK_TRAILER;
                } else {
                    remaining = size;
                    state = CHUNK_DATA;
                }
            }
            case CHUNK_CRLF -> state = CHUNK_SIZE;
            case CHUNK_TRAILER -> {
                if (l.length == 0) {
                    endMessage();
                }
            }
            default -> { }
        }
    }

    private boolean statusLine(byte[] l, double ts) {
        if (!HttpAnalyzer.startsWith(l, 0, "HTTP/") || http.nextReplyIsV09()) {
            if (http.nextReplyIsV09()) { // an HTTP/0.9 reply has no status line: all of it is body
                http.reply("0.9", 0, "<empty>".getBytes(StandardCharsets.US_ASCII), ts);
                replyCode = 0;
                state = BODY_CLOSE;
                bodyBytes(firstLineRaw, 0, firstLineRaw.length);
                return false;
            }
            state = DEAD;
            return false;
        }
        String s = new String(l, StandardCharsets.ISO_8859_1);
        int sp = s.indexOf(' ');
        String version = (sp < 0 ? s : s.substring(0, sp)).substring(5);
        int code = 0;
        byte[] reason = new byte[0];
        if (sp > 0) {
            String rest = s.substring(sp + 1).stripLeading();
            int sp2 = rest.indexOf(' ');
            String c = sp2 < 0 ? rest : rest.substring(0, sp2);
            try {
                code = Integer.parseInt(c.strip());
            } catch (NumberFormatException e) {
                code = 0;
            }
            if (sp2 >= 0) {
                reason = rest.substring(sp2 + 1).strip().getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        http.reply(version, code, reason, ts);
        replyCode = code;
        return true;
    }

    private void flushHeader(double ts) {
        if (lastHeader == null) {
            return;
        }
        String name = lastHeader;
        byte[] value = lastValue;
        lastHeader = null;
        switch (name) {
            case "CONTENT-LENGTH" -> {
                try {
                    contentLength = Long.parseLong(new String(value, StandardCharsets.ISO_8859_1).strip());
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
            }
            case "TRANSFER-ENCODING" -> chunked = new String(value, StandardCharsets.ISO_8859_1).toLowerCase().contains("chunked");
            case "CONTENT-RANGE" -> { // RFC 9110 §14.4: bytes first-last/complete
                java.util.regex.Matcher m = CONTENT_RANGE.matcher(new String(value, StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    entity.rangeStart = Long.parseLong(m.group(1));
                    entity.rangeTotal = Long.parseLong(m.group(3));
                }
            }
            case "CONTENT-TYPE" -> {
                byte[] boundary = MultipartParser.boundary(value);
                if (boundary != null) {
                    multipart = new MultipartParser(boundary, this);
                }
            }
            default -> { }
        }
        http.header(isOrig, name, value, ts);
    }

    private void startBody() {
        if (!isOrig && http.replyHasNoBody(replyCode)) {
            endMessage();
            return;
        }
        if (chunked) {
            state = CHUNK_SIZE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            entity.contentLength = contentLength;
            state = BODY_LENGTH;
        } else if (contentLength == 0 || isOrig) {
            endMessage();
        } else {
            state = BODY_CLOSE;
        }
    }

    private void bodyBytes(byte[] d, int off, int len) {
        if (len <= 0) {
            return;
        }
        if (multipart != null) {
            http.countBody(isOrig, len);
            multipart.feed(d, off, len);
        } else {
            http.body(isOrig, entity, d, off, len);
        }
    }

    /** Called by the multipart parser for each part's content. */
    void partData(Entity part, byte[] d, int off, int len) {
        http.partBody(isOrig, part, d, off, len);
    }

    void partFilename(byte[] name) {
        http.filename(isOrig, name);
    }

    void partDone(Entity part) {
        http.entityDone(isOrig, part);
    }

    private void endMessage() {
        if (multipart != null) {
            multipart.finish();
            multipart = null;
        }
        http.entityDone(isOrig, entity);
        http.messageDone(isOrig);
        entity.contentLength = -1;
        entity.rangeStart = -1;
        entity.rangeTotal = -1;
        state = FIRST;
    }

    /** Stops analysing this side. */
    void kill() {
        state = DEAD;
    }

    /** The connection ends: a body delimited by the close is complete now. */
    void close() {
        if (state == BODY_CLOSE) {
            endMessage();
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    /** The header name before {@code colon}, white space stripped, upper-cased (ASCII letters only). */
    static String headerName(byte[] l, int colon) {
        int a = 0;
        int b = colon;
        while (a < b && isSpace(l[a])) {
            a++;
        }
        while (b > a && isSpace(l[b - 1])) {
            b--;
        }
        byte[] u = new byte[b - a];
        for (int k = 0; k < u.length; k++) {
            byte c = l[a + k];
            u[k] = c >= 'a' && c <= 'z' ? (byte) (c - 32) : c;
        }
        return new String(u, StandardCharsets.ISO_8859_1);
    }

    /** What {@link String#strip()} removes among single bytes: tab to CR, the separators 28-31, space. */
    private static boolean isSpace(byte c) {
        return (c >= 9 && c <= 13) || (c >= 28 && c <= 32);
    }
}

package dev.vigil.sensor.analyzer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * multipart/* bodies (RFC 2046 §5.1): splits the body at the boundary lines and hands each part's
 * content and Content-Disposition filename to the owning side. Works line by line; a part's content
 * excludes the CRLF that precedes the next boundary.
 */
final class MultipartParser {
    /** Longest part header line kept; longer ones are cut. */
    static final int MAX_HEADER_LINE = 8192;

    private final byte[] dash;
    private final HttpSide side;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private boolean inHeaders;
    private boolean inPart;
    private boolean pendingCrlf;
    private HttpSide.Entity part;

    MultipartParser(byte[] boundary, HttpSide side) {
        this.dash = ("--" + new String(boundary, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        this.side = side;
    }

    /** The boundary parameter of a multipart Content-Type value, or null. */
    static byte[] boundary(byte[] contentType) {
        String v = new String(contentType, StandardCharsets.ISO_8859_1);
        if (!v.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        byte[] p = MimeParser.param(v, "boundary");
        String s = p == null ? "" : new String(p, StandardCharsets.ISO_8859_1);
        return s.isEmpty() ? null : s.getBytes(StandardCharsets.ISO_8859_1);
    }

    void feed(byte[] d, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = d[i];
            if (b == '\n') {
                byte[] l = line.toByteArray();
                line.reset();
                int n = l.length;
                boolean cr = n > 0 && l[n - 1] == '\r';
                onLine(cr ? Arrays.copyOf(l, n - 1) : l, cr);
            } else if (line.size() < MAX_HEADER_LINE || (inPart && !inHeaders)) {
                line.write(b);
                if (inPart && !inHeaders && line.size() >= MAX_HEADER_LINE) {
                    flushContent(line.toByteArray(), false);
                    line.reset();
                }
            }
        }
    }

    private void onLine(byte[] l, boolean cr) {
        if (startsWith(l, dash)) {
            endPart();
            boolean last = l.length >= dash.length + 2 && l[dash.length] == '-' && l[dash.length + 1] == '-';
            inPart = !last;
            inHeaders = !last;
            if (inPart) {
                part = new HttpSide.Entity();
            }
            return;
        }
        if (!inPart) {
            return; // preamble or epilogue
        }
        if (inHeaders) {
            if (l.length == 0) {
                inHeaders = false;
                pendingCrlf = false;
                return;
            }
            String h = new String(l, StandardCharsets.ISO_8859_1);
            if (h.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                byte[] fn = filename(h);
                if (fn != null) {
                    side.partFilename(fn);
                }
            }
            return;
        }
        byte[] withEol = l;
        flushContent(withEol, true);
        lastCr = cr;
    }

    private boolean lastCr;

    /** Content lines are emitted one line late, so the CRLF before a boundary is left out. */
    private void flushContent(byte[] l, boolean endsLine) {
        if (pendingCrlf) {
            byte[] eol = lastCr ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
            side.partData(part, eol, 0, eol.length);
            pendingCrlf = false;
        }
        side.partData(part, l, 0, l.length);
        pendingCrlf = endsLine;
    }

    private void endPart() {
        if (inPart && part != null) {
            side.partDone(part);
        }
        part = null;
        pendingCrlf = false;
    }

    void finish() {
        endPart();
        inPart = false;
    }

    private static byte[] filename(String h) {
        return MimeParser.param(h, "filename");
    }

    private static boolean startsWith(byte[] l, byte[] p) {
        if (l.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (l[i] != p[i]) {
                return false;
            }
        }
        return true;
    }
}

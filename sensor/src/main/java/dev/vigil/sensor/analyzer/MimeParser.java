package dev.vigil.sensor.analyzer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A MIME message (RFC 2045, RFC 2046) fed line by line: header fields of every entity, nested
 * multipart boundaries, and the decoded content (base64, quoted-printable) of each leaf entity.
 * Entities are numbered in the order they begin, starting at 1 for the message itself, which is
 * the "depth" Zeek gives the files they carry.
 */
final class MimeParser {
    /** Callbacks for the owner (the SMTP analyzer). */
    interface Handler {
        /** A header field of the top-level message (name upper-cased). */
        void topHeader(String name, byte[] value);

        /** A leaf entity begins; returns a sink for its decoded content. */
        Sink begin(int depth, byte[] filename);
    }

    /** Receives one entity's decoded content. */
    interface Sink {
        void data(byte[] d, int off, int len);

        void end();
    }

    private static final class Entity {
        String boundary; // for multipart entities
        String encoding = "";
        byte[] filename;
        Sink sink;
        boolean inHeaders = true;
        boolean leaf;
        String lastName;
        ByteArrayOutputStream lastValue;
        boolean pendingEol;
        final ByteArrayOutputStream b64 = new ByteArrayOutputStream();
        int depth;
    }

    private final Handler handler;
    private final Deque<Entity> stack = new ArrayDeque<>();
    private int counter;

    MimeParser(Handler handler) {
        this.handler = handler;
        push();
    }

    private Entity push() {
        Entity e = new Entity();
        e.depth = ++counter;
        stack.push(e);
        return e;
    }

    /** One line without its CRLF. */
    void line(byte[] l) {
        Entity e = stack.peek();
        if (e == null) {
            return;
        }
        // A boundary of any enclosing multipart ends the current part.
        String s = null;
        if (l.length >= 2 && l[0] == '-' && l[1] == '-') {
            s = new String(l, StandardCharsets.ISO_8859_1);
            for (Entity m : stack) {
                if (m.boundary != null && s.startsWith("--" + m.boundary)) {
                    boundaryLine(m, s.startsWith("--" + m.boundary + "--"));
                    return;
                }
            }
        }
        if (e.inHeaders) {
            header(e, l);
            return;
        }
        if (e.boundary != null) {
            return; // preamble of a multipart entity
        }
        body(e, l);
    }

    private void boundaryLine(Entity m, boolean last) {
        while (stack.peek() != m) {
            finishEntity(stack.pop());
        }
        if (!last) {
            Entity part = push();
            part.encoding = "";
        } else {
            m.boundary = m.boundary + "\u0000closed";
        }
    }

    private void header(Entity e, byte[] l) {
        if (l.length == 0) {
            flushHeader(e);
            e.inHeaders = false;
            if (e.boundary == null) {
                e.leaf = true;
                e.sink = handler.begin(e.depth, e.filename);
            }
            return;
        }
        if ((l[0] == ' ' || l[0] == '\t') && e.lastName != null) {
            e.lastValue.write(l, 0, l.length);
            return;
        }
        flushHeader(e);
        int colon = -1;
        for (int i = 0; i < l.length; i++) {
            if (l[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return;
        }
        e.lastName = new String(l, 0, colon, StandardCharsets.ISO_8859_1).strip().toUpperCase(Locale.ROOT);
        e.lastValue = new ByteArrayOutputStream();
        int v = colon + 1;
        while (v < l.length && (l[v] == ' ' || l[v] == '\t')) {
            v++;
        }
        e.lastValue.write(l, v, l.length - v);
    }

    private void flushHeader(Entity e) {
        if (e.lastName == null) {
            return;
        }
        String name = e.lastName;
        byte[] value = e.lastValue.toByteArray();
        e.lastName = null;
        String v = new String(value, StandardCharsets.ISO_8859_1);
        String lower = v.toLowerCase(Locale.ROOT);
        switch (name) {
            case "CONTENT-TYPE" -> {
                if (lower.startsWith("multipart/")) {
                    byte[] b = MultipartParser.boundary(value);
                    if (b != null) {
                        e.boundary = new String(b, StandardCharsets.ISO_8859_1);
                    }
                }
                if (e.filename == null) {
                    e.filename = param(v, "name");
                }
            }
            case "CONTENT-TRANSFER-ENCODING" -> e.encoding = lower.strip();
            case "CONTENT-DISPOSITION" -> {
                byte[] f = param(v, "filename");
                if (f != null) {
                    e.filename = f;
                }
            }
            default -> { }
        }
        if (stack.size() == 1 && e == stack.peekLast()) {
            handler.topHeader(name, value);
        }
    }

    /** A parameter of a header value (name=value or name="value"), or null. */
    static byte[] param(String v, String p) {
        String lower = v.toLowerCase(Locale.ROOT);
        int i = 0;
        while ((i = lower.indexOf(p + "=", i)) >= 0) {
            if (i == 0 || lower.charAt(i - 1) == ' ' || lower.charAt(i - 1) == ';' || lower.charAt(i - 1) == '\t') {
                String s = v.substring(i + p.length() + 1).strip();
                if (s.startsWith("\"")) {
                    int end = s.indexOf('"', 1);
                    s = end < 0 ? s.substring(1) : s.substring(1, end);
                } else {
                    int end = s.indexOf(';');
                    if (end >= 0) {
                        s = s.substring(0, end);
                    }
                    s = s.strip();
                }
                return s.getBytes(StandardCharsets.ISO_8859_1);
            }
            i++;
        }
        return null;
    }

    private void body(Entity e, byte[] l) {
        if (e.sink == null) {
            return;
        }
        switch (e.encoding) {
            case "base64" -> {
                for (byte b : l) {
                    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/' || b == '=') {
                        e.b64.write(b);
                    }
                }
                int usable = e.b64.size() / 4 * 4;
                if (usable > 0) {
                    byte[] all = e.b64.toByteArray();
                    byte[] dec;
                    try {
                        dec = java.util.Base64.getDecoder().decode(java.util.Arrays.copyOf(all, usable));
                    } catch (IllegalArgumentException bad) {
                        dec = new byte[0]; // undecodable base64: Zeek reports a weird and skips it
                    }
                    e.sink.data(dec, 0, dec.length);
                    e.b64.reset();
                    e.b64.write(all, usable, all.length - usable);
                }
            }
            case "quoted-printable" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream(l.length + 2);
                boolean soft = false;
                int n = l.length;
                while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t')) {
                    n--;
                }
                for (int i = 0; i < n; i++) {
                    if (l[i] == '=') {
                        if (i == n - 1) {
                            soft = true;
                            break;
                        }
                        if (i + 2 < n && hex(l[i + 1]) >= 0 && hex(l[i + 2]) >= 0) {
                            out.write(hex(l[i + 1]) << 4 | hex(l[i + 2]));
                            i += 2;
                            continue;
                        }
                    }
                    out.write(l[i]);
                }
                if (!soft) {
                    out.write('\r'); // decoded quoted-printable keeps each hard line break
                    out.write('\n');
                }
                byte[] b = out.toByteArray();
                e.sink.data(b, 0, b.length);
            }
            default -> {
                if (e.pendingEol) {
                    e.sink.data(new byte[] {'\r', '\n'}, 0, 2);
                }
                e.sink.data(l, 0, l.length);
                if (stack.size() == 1) {
                    e.sink.data(new byte[] {'\r', '\n'}, 0, 2); // no boundary follows the message's own body
                } else {
                    e.pendingEol = true; // the CRLF before a boundary belongs to the boundary (RFC 2046 §5.1.1)
                }
            }
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    private void finishEntity(Entity e) {
        if (e.inHeaders) {
            flushHeader(e);
        }
        if (e.sink != null) {
            e.sink.end();
            e.sink = null;
        }
    }

    /** The message ended (the "." line). */
    void end() {
        while (!stack.isEmpty()) {
            finishEntity(stack.pop());
        }
    }
}

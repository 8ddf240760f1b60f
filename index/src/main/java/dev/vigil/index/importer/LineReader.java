package dev.vigil.index.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Lines of a byte stream (LF or CRLF), decoded as UTF-8; a line longer than the maximum is cut there. */
final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean truncated;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator, or null at the end. */
    String next() throws IOException {
        line.reset();
        truncated = false;
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() < maxBytes) {
                line.write(b);
            } else {
                truncated = true;
            }
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }

    /** Whether the last line was longer than the maximum. */
    boolean lastWasTruncated() {
        return truncated;
    }
}

package dev.vigil.sensor.analyzer;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Splits the two directions of a line-based protocol (FTP, SMTP) into lines without their CR LF.
 * A line longer than the maximum ends the splitting for good (the stream is not that protocol).
 */
final class LineSplitter {
    /** Receives complete lines. */
    interface LineHandler {
        /** Returns false to stop delivering the rest of this chunk (e.g. a switch to TLS). */
        boolean line(boolean isOrig, byte[] line);
    }

    private final int maxLine;
    private final ByteArrayOutputStream[] partial = {new ByteArrayOutputStream(64), new ByteArrayOutputStream(64)};
    private boolean dead;

    LineSplitter(int maxLine) {
        this.maxLine = maxLine;
    }

    boolean dead() {
        return dead;
    }

    /** Feeds a chunk; returns the offset where delivery stopped (off + len when all was consumed). */
    int feed(boolean isOrig, byte[] d, int off, int len, LineHandler h) {
        ByteArrayOutputStream buf = partial[isOrig ? 0 : 1];
        int end = off + len;
        int i = off;
        while (i < end && !dead) {
            int nl = i;
            while (nl < end && d[nl] != '\n') {
                nl++;
            }
            if (buf.size() + (nl - i) > maxLine) {
                dead = true;
                return end;
            }
            buf.write(d, i, nl - i);
            if (nl == end) {
                return end;
            }
            i = nl + 1;
            byte[] l = buf.toByteArray();
            buf.reset();
            int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
            if (!h.line(isOrig, n == l.length ? l : Arrays.copyOf(l, n))) {
                return i;
            }
        }
        return end;
    }
}

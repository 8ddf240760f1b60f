package dev.vigil.agent.tail;

import dev.vigil.agent.stats.Stats;
import java.util.Arrays;

/**
 * Cuts text into lines at '\n' (a '\r' before it is dropped), skips empty lines, and bounds line length: a line
 * longer than the maximum is split into pieces of that many bytes (each piece ends at its own offset, so a
 * restart resumes between pieces) or truncated (the rest up to '\n' is skipped). Bytes are passed on as they
 * are: binary garbage in a log becomes events holding those bytes.
 */
public final class LineFramer implements Framer {
    private final int maxLine;
    private final boolean split;
    private final Multiline multiline;
    private final Stats stats;
    private byte[] partial = new byte[128];
    private int partialLen;
    /** Truncating: the line already holds maxLine bytes and the rest up to '\n' is skipped. */
    private boolean discarding;
    /** The current line was already cut into pieces. */
    private boolean cut;
    /** Where the bytes consumed into the current line end in the file. */
    private long partialEnd;

    /**
     * @param maxLine   the longest line passed on whole
     * @param split     split over-long lines (true) or truncate them
     * @param multiline multi-line joining, or null
     */
    public LineFramer(int maxLine, boolean split, Multiline multiline, Stats stats) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maximum line length must be positive, got " + maxLine);
        }
        this.maxLine = maxLine;
        this.split = split;
        this.multiline = multiline;
        this.stats = stats;
    }

    @Override
    public void feed(byte[] b, int off, int len, long fileOffset, Sink sink) {
        int end = off + len;
        int p = off;
        long base = fileOffset - off;
        while (p < end) {
            int nl = Lines.indexOfLf(b, p, end);
            int segEnd = nl < 0 ? end : nl;
            if (nl >= 0 && partialLen == 0 && !discarding && segEnd - p <= maxLine) {
                complete(b, p, segEnd - p, base + nl + 1, sink);
            } else {
                absorb(b, p, segEnd - p, base + p, sink);
                partialEnd = base + segEnd;
                if (nl < 0) {
                    return;
                }
                int n = partialLen;
                partialLen = 0;
                discarding = false;
                complete(partial, 0, n, base + nl + 1, sink);
            }
            p = nl + 1;
        }
    }

    /** Adds bytes to the line being assembled, cutting it when it grows past the maximum. */
    private void absorb(byte[] b, int p, int n, long at, Sink sink) {
        while (n > 0 && !discarding) {
            int room = maxLine - partialLen;
            int k = Math.min(n, room);
            ensure(partialLen + k);
            System.arraycopy(b, p, partial, partialLen, k);
            partialLen += k;
            if (n <= room) {
                return;
            }
            if (!split) {
                discarding = true;
                stats.linesTruncated.inc();
                return;
            }
            if (!cut) {
                cut = true;
                stats.linesSplit.inc();
            }
            pass(partial, 0, maxLine, at + k, sink);
            partialLen = 0;
            p += k;
            at += k;
            n -= k;
        }
    }

    private void complete(byte[] b, int off, int len, long endOffset, Sink sink) {
        if (len > 0 && b[off + len - 1] == '\r') {
            len--;
        }
        stats.linesRead.inc();
        cut = false;
        pass(b, off, len, endOffset, sink);
    }

    private void pass(byte[] b, int off, int len, long endOffset, Sink sink) {
        if (multiline != null) {
            multiline.line(b, off, len, endOffset, sink);
        } else if (len > 0) {
            sink.event(b, off, len, endOffset);
        }
    }

    private void ensure(int n) {
        if (partial.length < n) {
            partial = Arrays.copyOf(partial, Math.min(maxLine, Math.max(n, partial.length * 2)));
        }
    }

    @Override
    public void tick(long nowMillis, Sink sink) {
        if (multiline != null) {
            multiline.tick(nowMillis, sink);
        }
    }

    @Override
    public void finish(Sink sink) {
        // nothing follows: a last line without '\n' is a line, and a waiting multi-line event is complete
        if (partialLen > 0 || discarding) {
            int n = partialLen;
            partialLen = 0;
            discarding = false;
            complete(partial, 0, n, partialEnd, sink);
        }
        if (multiline != null) {
            multiline.flush(sink);
        }
    }

    @Override
    public boolean pending() {
        return partialLen > 0 || discarding || (multiline != null && multiline.pending());
    }

    @Override
    public void reset() {
        partialLen = 0;
        discarding = false;
        cut = false;
        if (multiline != null) {
            multiline.reset();
        }
    }
}

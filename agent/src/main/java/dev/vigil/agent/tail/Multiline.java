package dev.vigil.agent.tail;

import com.google.re2j.Pattern;
import dev.vigil.agent.config.MultilineConfig;
import dev.vigil.agent.stats.Stats;
import java.util.Arrays;

/**
 * Joins lines into events with Filebeat's multiline rules (pattern, negate, match after/before, max lines and
 * bytes, a flush timeout). The lines of one event are joined with '\n'; the event ends at its last line's end,
 * so a restart rebuilds an event that was still waiting for lines.
 */
public final class Multiline {
    private final Pattern pattern;
    private final boolean negate;
    private final boolean after;
    private final int maxLines;
    private final int maxBytes;
    private final long timeoutMs;
    private final Stats stats;
    private byte[] buf = new byte[256];
    private int len;
    private int lines;
    private long endOffset;
    private long lastLineMillis;

    public Multiline(MultilineConfig c, Stats stats) {
        this.pattern = Pattern.compile(c.pattern());
        this.negate = c.negate();
        this.after = c.after();
        this.maxLines = c.maxLines();
        this.maxBytes = c.maxBytes();
        this.timeoutMs = c.timeoutMs();
        this.stats = stats;
    }

    /** One line (without its terminator) ending at {@code lineEnd}. */
    void line(byte[] b, int off, int n, long lineEnd, Framer.Sink sink) {
        boolean continuation = pattern.matcher(Arrays.copyOfRange(b, off, off + n)).find() != negate;
        lastLineMillis = System.currentTimeMillis();
        if (after) {
            if (!continuation || lines == 0) {
                flush(sink);
            }
            add(b, off, n, lineEnd);
        } else {
            add(b, off, n, lineEnd);
            if (!continuation) {
                flush(sink);
            }
        }
    }

    private void add(byte[] b, int off, int n, long lineEnd) {
        endOffset = lineEnd;
        if (lines >= maxLines) {
            stats.multilineDropped.inc();
            return;
        }
        int sep = lines > 0 ? 1 : 0;
        int take = Math.min(n, maxBytes - len - sep);
        if (take < n) {
            stats.multilineDropped.inc();
        }
        if (take < 0) {
            return;
        }
        if (buf.length < len + sep + take) {
            buf = Arrays.copyOf(buf, Math.max(len + sep + take, buf.length * 2));
        }
        if (sep == 1) {
            buf[len++] = '\n';
        }
        System.arraycopy(b, off, buf, len, take);
        len += take;
        lines++;
    }

    /** Sends the event being assembled, if any. */
    void flush(Framer.Sink sink) {
        if (lines > 0 && len > 0) {
            sink.event(buf, 0, len, endOffset);
        }
        lines = 0;
        len = 0;
        if (buf.length > 64 << 10) {
            buf = new byte[256];
        }
    }

    /** Sends an event that waited longer than the timeout for more lines. */
    void tick(long nowMillis, Framer.Sink sink) {
        if (lines > 0 && nowMillis - lastLineMillis >= timeoutMs) {
            flush(sink);
        }
    }

    boolean pending() {
        return lines > 0;
    }

    void reset() {
        lines = 0;
        len = 0;
    }
}

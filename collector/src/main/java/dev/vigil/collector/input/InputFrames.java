package dev.vigil.collector.input;

import dev.vigil.collector.action.forward.WireFormat;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.SyslogParser;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One received frame to one event, the same for every input: rsyslog's compressed frames
 * ({@code @(z9)host}, 'z' + zlib data) are inflated first, as rsyslog's imudp/imtcp do, never beyond the
 * maximum message size; then the frame is parsed and counted.
 */
final class InputFrames {
    private static final Logger LOG = LoggerFactory.getLogger(InputFrames.class);
    private static volatile boolean warned;

    private InputFrames() {
    }

    /** The event of a frame, counted as parsed (and malformed when its PRI is invalid); null when none. */
    static Event toEvent(SyslogParser parser, byte[] b, int off, int len, SyslogParser.Origin origin,
                         InputStats stats) {
        if (len > 0 && b[off] == 'z') {
            byte[] inflated = inflate(b, off, len, parser.options().maxMessageSize(), stats);
            if (inflated == null) {
                return null;
            }
            b = inflated;
            off = 0;
            len = inflated.length;
        }
        Event e = parser.parse(b, off, len, origin);
        if (e == null) {
            return null;
        }
        stats.parsed.increment();
        if (e.pri() == Event.PRI_INVALID) {
            stats.malformed.increment();
        }
        return e;
    }

    /** The inflated frame, or null when it is not valid zlib data (counted as malformed, logged once). */
    static byte[] inflate(byte[] b, int off, int len, int max, InputStats stats) {
        try {
            return WireFormat.decompress(Arrays.copyOfRange(b, off, off + len), max);
        } catch (IllegalArgumentException e) {
            stats.malformed.increment();
            if (!warned) {
                warned = true;
                LOG.warn("{}: a compressed frame could not be inflated ({}); further ones are only counted",
                        stats.name, e.getMessage());
            }
            return null;
        }
    }
}

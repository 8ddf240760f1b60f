package dev.vigil.collector.input;

import dev.vigil.collector.action.forward.WireFormat;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rsyslog's compressed frames ({@code @(z9)host}): a frame that starts with 'z' is zlib data, inflated on
 * receipt as rsyslog's imudp/imtcp do, never beyond the maximum message size.
 */
final class Compressed {
    private static final Logger LOG = LoggerFactory.getLogger(Compressed.class);
    private static volatile boolean warned;

    private Compressed() {
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

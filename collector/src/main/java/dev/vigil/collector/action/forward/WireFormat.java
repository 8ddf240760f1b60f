package dev.vigil.collector.action.forward;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * rsyslog's forwarding wire format: optional zlib compression marked by a leading 'z' (used only for
 * messages longer than 60 bytes and only when it makes them shorter, as omfwd does), then for TCP either
 * an LF terminator or an RFC 6587 §3.4.1 octet count.
 */
public final class WireFormat {
    /** omfwd compresses only messages longer than this (CONF_MIN_SIZE_FOR_COMPRESS). */
    public static final int MIN_SIZE_FOR_COMPRESS = 60;

    private WireFormat() {
    }

    /**
     * Compresses {@code msg[0..len)} at {@code level} when that helps; returns the bytes to send
     * (a new array, or {@code msg} itself when left uncompressed and {@code len == msg.length}).
     */
    public static byte[] maybeCompress(byte[] msg, int len, int level, Deflater deflater) {
        if (level <= 0 || len <= MIN_SIZE_FOR_COMPRESS) {
            return len == msg.length ? msg : java.util.Arrays.copyOf(msg, len);
        }
        deflater.reset();
        deflater.setLevel(level);
        deflater.setInput(msg, 0, len);
        deflater.finish();
        byte[] out = new byte[len + 1];
        out[0] = 'z';
        int n = 1;
        while (!deflater.finished() && n < out.length) {
            n += deflater.deflate(out, n, out.length - n);
        }
        if (!deflater.finished() || n >= len) {
            return java.util.Arrays.copyOf(msg, len); // no gain: send as is
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The message inside a received frame: inflates a 'z'-prefixed compressed frame, at most
     * {@code max} bytes; other frames are returned unchanged.
     *
     * @throws IllegalArgumentException when the compressed data is corrupt or inflates beyond {@code max}
     */
    public static byte[] decompress(byte[] frame, int max) {
        if (frame.length == 0 || frame[0] != 'z') {
            return frame;
        }
        Inflater inf = new Inflater();
        try {
            inf.setInput(frame, 1, frame.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * 3);
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalArgumentException("truncated zlib frame");
                }
                out.write(buf, 0, n);
                if (out.size() > max) {
                    throw new IllegalArgumentException("compressed frame inflates beyond " + max + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt zlib frame: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /** The octet-counting prefix "LEN " for a message of {@code len} bytes. */
    static byte[] octetPrefix(int len) {
        return (len + " ").getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.vigil.core.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lossless conversion between syslog bytes and Java strings. Valid UTF-8 decodes as usual; every byte
 * that is not part of a valid UTF-8 sequence becomes the lone surrogate U+DC80+byte (Python's
 * "surrogateescape"), so {@link #encode(String)} gives back exactly the bytes that were received. A
 * sender's Latin-1 "café" is written to files byte for byte, as rsyslog writes it.
 */
public final class SyslogText {
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private SyslogText() {
    }

    /** Decodes {@code len} bytes at {@code off}. */
    public static String decode(byte[] b, int off, int len) {
        boolean ascii = true;
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return DECODER.get().decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return decodeEscaping(b, off, len);
        }
    }

    /** Decodes a whole array. */
    public static String decode(byte[] b) {
        return decode(b, 0, b.length);
    }

    private static String decodeEscaping(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            if (n == 1) {
                sb.append((char) c);
                i++;
                continue;
            }
            if (n > 1 && i + n <= end && validSequence(b, i, n)) {
                try {
                    CharBuffer cb = DECODER.get().decode(ByteBuffer.wrap(b, i, n));
                    sb.append(cb);
                    i += n;
                    continue;
                } catch (CharacterCodingException ignored) {
                    // fall through: escape the lead byte
                }
            }
            sb.append((char) (0xDC00 + c));
            i++;
        }
        return sb.toString();
    }

    private static boolean validSequence(byte[] b, int i, int n) {
        for (int k = 1; k < n; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Encodes back to the original bytes (escaped bytes restored, everything else UTF-8). */
    public static byte[] encode(String s) {
        int n = s.length();
        boolean simple = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                simple = false;
                break;
            }
        }
        if (simple) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
        encodeTo(s, out);
        return out.toByteArray();
    }

    /** Appends the bytes of {@code s} to {@code out}. */
    public static void encodeTo(CharSequence s, ByteArrayOutputStream out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else if (c >= 0xDC80 && c <= 0xDCFF) {
                out.write(c - 0xDC00);
            } else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xf0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3f));
                out.write(0x80 | ((cp >> 6) & 0x3f));
                out.write(0x80 | (cp & 0x3f));
            } else {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
        }
    }

    /** True when {@code s} holds escaped bytes, i.e. its bytes are not valid UTF-8. */
    public static boolean hasEscapedBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }
}

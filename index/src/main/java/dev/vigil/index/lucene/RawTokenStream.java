package dev.vigil.index.lucene;

import dev.vigil.index.query.Segmenter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Splunk's segmentation of {@code _raw} as a reusable Lucene token stream: each major segment, then
 * its minor segments, lowercased; the same terms as {@link Segmenter#segment}. ASCII text is cut
 * straight from its UTF-8 bytes (every breaker is ASCII, and no byte of a multi-byte character is);
 * other text takes the character path, where non-ASCII whitespace also breaks. Terms are handed to
 * Lucene as bytes: no per-token objects and no UTF-16 to UTF-8 conversion.
 */
final class RawTokenStream extends TokenStream {
    private static final boolean[] MAJOR = new boolean[256];
    private static final boolean[] MINOR = new boolean[256];
    private static final byte[] LOWER = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            MAJOR[c] = Segmenter.isMajor(c);
            MINOR[c] = Segmenter.isMinor(c);
            LOWER[c] = (byte) Segmenter.lowerChar(c);
        }
    }

    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final BytesRef ref = new BytesRef(new byte[Segmenter.MAX_TERM_CHARS * 3]);
    private byte[] bytes = BytesRef.EMPTY_BYTES;
    private int from;
    private int to;
    private String text;
    private int pos;
    private int majorEnd;
    private int minorPos = -1;

    /** Points the stream at ASCII text held as bytes {@code b[from..to)}. */
    RawTokenStream setAscii(byte[] b, int from, int to) {
        this.bytes = b;
        this.from = from;
        this.to = to;
        this.text = null;
        return this;
    }

    /** Points the stream at any text (the character path). */
    RawTokenStream setText(String t) {
        this.text = t;
        this.bytes = null;
        return this;
    }

    @Override
    public void reset() {
        pos = text == null ? from : 0;
        minorPos = -1;
    }

    @Override
    public boolean incrementToken() {
        return text == null ? nextAscii() : nextChars();
    }

    @Override
    public void end() {
        // nothing to report: the field keeps neither positions nor offsets
    }

    private boolean nextAscii() {
        byte[] b = bytes;
        if (minorPos >= 0) {
            int i = minorPos;
            while (i < majorEnd && MINOR[b[i] & 0xff]) {
                i++;
            }
            int start = i;
            while (i < majorEnd && !MINOR[b[i] & 0xff]) {
                i++;
            }
            minorPos = i;
            if (i > start) {
                emitAscii(start, i);
                return true;
            }
            minorPos = -1;
        }
        int n = to;
        while (pos < n) {
            while (pos < n && MAJOR[b[pos] & 0xff]) {
                pos++;
            }
            int start = pos;
            boolean hasMinor = false;
            while (pos < n && !MAJOR[b[pos] & 0xff]) {
                hasMinor |= MINOR[b[pos] & 0xff];
                pos++;
            }
            int len = pos - start;
            if (len > 0 && len <= Segmenter.MAX_TERM_CHARS) {
                emitAscii(start, pos);
                if (hasMinor) {
                    majorEnd = pos;
                    minorPos = start;
                }
                return true;
            }
        }
        return false;
    }

    private void emitAscii(int start, int end) {
        byte[] out = ref.bytes;
        byte[] b = bytes;
        for (int i = start; i < end; i++) {
            out[i - start] = LOWER[b[i]];
        }
        ref.offset = 0;
        ref.length = end - start;
        term.setBytesRef(ref);
    }

    private boolean nextChars() {
        String s = text;
        if (minorPos >= 0) {
            int i = minorPos;
            while (i < majorEnd && Segmenter.isMinor(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < majorEnd && !Segmenter.isMinor(s.charAt(i))) {
                i++;
            }
            minorPos = i;
            if (i > start) {
                emitChars(start, i);
                return true;
            }
            minorPos = -1;
        }
        int n = s.length();
        while (pos < n) {
            while (pos < n && Segmenter.isMajor(s.charAt(pos))) {
                pos++;
            }
            int start = pos;
            boolean hasMinor = false;
            while (pos < n && !Segmenter.isMajor(s.charAt(pos))) {
                hasMinor |= Segmenter.isMinor(s.charAt(pos));
                pos++;
            }
            int len = pos - start;
            if (len > 0 && len <= Segmenter.MAX_TERM_CHARS) {
                emitChars(start, pos);
                if (hasMinor) {
                    majorEnd = pos;
                    minorPos = start;
                }
                return true;
            }
        }
        return false;
    }

    private final char[] lowered = new char[Segmenter.MAX_TERM_CHARS];

    private void emitChars(int start, int end) {
        String s = text;
        for (int i = start; i < end; i++) {
            lowered[i - start] = Segmenter.lowerChar(s.charAt(i));
        }
        ref.offset = 0;
        ref.length = UnicodeUtil.UTF16toUTF8(lowered, 0, end - start, ref.bytes);
        term.setBytesRef(ref);
    }

    @Override
    public void close() {
        text = null;
        bytes = BytesRef.EMPTY_BYTES;
    }
}

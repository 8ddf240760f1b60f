package dev.vigil.index.lucene;

import dev.vigil.index.query.Segmenter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splunk's segmentation of {@code _raw} as a reusable Lucene token stream: each major segment, then
 * its minor segments, lowercased, without allocating per token. Same terms as {@link Segmenter#segment}.
 */
final class RawTokenStream extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private String text = "";
    private int pos;
    private int majorEnd;
    private int minorPos = -1;

    /** Points the stream at new text; call before handing the stream to Lucene. */
    RawTokenStream setText(String t) {
        this.text = t;
        return this;
    }

    @Override
    public void reset() {
        pos = 0;
        minorPos = -1;
    }

    @Override
    public boolean incrementToken() {
        clearAttributes();
        if (minorPos >= 0 && nextMinor()) {
            return true;
        }
        minorPos = -1;
        String s = text;
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
                emit(start, pos);
                if (hasMinor) {
                    majorEnd = pos;
                    minorPos = start;
                }
                return true;
            }
        }
        return false;
    }

    private boolean nextMinor() {
        String s = text;
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
            // a major segment whose only minor segment is itself (e.g. "-abc") would repeat the term; harmless
            emit(start, i);
            return true;
        }
        return false;
    }

    private void emit(int from, int to) {
        char[] buf = term.resizeBuffer(to - from);
        String s = text;
        for (int i = from; i < to; i++) {
            buf[i - from] = Segmenter.lowerChar(s.charAt(i));
        }
        term.setLength(to - from);
    }

    @Override
    public void close() {
        text = "";
    }
}

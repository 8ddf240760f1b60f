package dev.vigil.index.lucene;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.BytesRef;

/**
 * One term given as bytes: a reusable stand-in for {@code StringField} (whose value Lucene does not let
 * a reused field change). Indexed the same way: documents only, no norms.
 */
final class KeywordTokenStream extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private BytesRef value;
    private boolean done;

    KeywordTokenStream set(BytesRef v) {
        this.value = v;
        return this;
    }

    @Override
    public void reset() {
        done = false;
    }

    @Override
    public boolean incrementToken() {
        if (done) {
            return false;
        }
        done = true;
        term.setBytesRef(value);
        return true;
    }

    @Override
    public void end() {
        // no positions or offsets to report
    }
}

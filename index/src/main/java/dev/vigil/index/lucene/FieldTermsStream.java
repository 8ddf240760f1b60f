package dev.vigil.index.lucene;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The terms of the {@code _f} field: one {@code name=value} term per extracted field value, value
 * lowercased. Putting every extracted field in one Lucene field keeps the per-field cost of indexing
 * (hash tables, flush work, field infos) independent of how many fields events carry.
 */
final class FieldTermsStream extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private int next;

    void clear() {
        names.clear();
        values.clear();
    }

    void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    @Override
    public void reset() {
        next = 0;
    }

    @Override
    public boolean incrementToken() {
        if (next >= names.size()) {
            return false;
        }
        clearAttributes();
        String n = names.get(next);
        String v = values.get(next);
        next++;
        char[] buf = term.resizeBuffer(n.length() + 1 + v.length());
        n.getChars(0, n.length(), buf, 0);
        buf[n.length()] = '=';
        int o = n.length() + 1;
        for (int i = 0; i < v.length(); i++) {
            buf[o + i] = dev.vigil.index.query.Segmenter.lowerChar(v.charAt(i));
        }
        term.setLength(o + v.length());
        return true;
    }
}

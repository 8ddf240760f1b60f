package dev.vigil.index.lucene;

import dev.vigil.index.query.Segmenter;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.UnicodeUtil;

/**
 * The terms of the {@code _f} field: one {@code name=value} term per extracted field value, value
 * lowercased. Putting every extracted field in one Lucene field keeps the per-field cost of indexing
 * (hash tables, flush work, field infos) independent of how many fields events carry. Terms are
 * handed to Lucene as UTF-8 bytes.
 */
final class FieldTermsStream extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final BytesRef ref = new BytesRef(new byte[64]);
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private char[] chars = new char[64];
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
    public void end() {
        // no positions or offsets to report
    }

    @Override
    public boolean incrementToken() {
        if (next >= names.size()) {
            return false;
        }
        String n = names.get(next);
        String v = values.get(next);
        next++;
        int len = n.length() + 1 + v.length();
        if (ref.bytes.length < 3 * len) {
            ref.bytes = new byte[ArrayUtil.oversize(3 * len, 1)];
        }
        byte[] out = ref.bytes;
        int o = 0;
        boolean ascii = true;
        for (int i = 0; i < n.length() && ascii; i++) {
            char c = n.charAt(i);
            ascii = c < 0x80;
            out[o++] = (byte) c;
        }
        out[o++] = '=';
        for (int i = 0; i < v.length() && ascii; i++) {
            char c = v.charAt(i);
            ascii = c < 0x80;
            out[o++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        if (!ascii) {
            // the character path: lowercase as Segmenter does, then Lucene's UTF-8 encoding
            if (chars.length < len) {
                chars = new char[ArrayUtil.oversize(len, Character.BYTES)];
            }
            n.getChars(0, n.length(), chars, 0);
            chars[n.length()] = '=';
            for (int i = 0; i < v.length(); i++) {
                chars[n.length() + 1 + i] = Segmenter.lowerChar(v.charAt(i));
            }
            o = UnicodeUtil.UTF16toUTF8(chars, 0, len, out);
        }
        ref.offset = 0;
        ref.length = o;
        term.setBytesRef(ref);
        return true;
    }
}

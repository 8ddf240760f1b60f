package dev.vigil.collector.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The object statements of RainerScript for {@link ConfigParser}: parameter lists, {@code module()},
 * {@code input()}, {@code global()}, {@code template(...) { ... }}, {@code include()} and the skipping of
 * statements Vigil does not support.
 */
final class ObjectParser {
    private final Source src;
    private final Lexing lx;
    private final ConfigBuilder b;

    ObjectParser(Source src, Lexing lx, ConfigBuilder b) {
        this.src = src;
        this.lx = lx;
        this.b = b;
    }

    Params params(int start, int wordLength) {
        lx.pos = start + wordLength;
        lx.skipBlank();
        lx.pos++; // '('
        return new ParamListParser(src, lx).parse();
    }

    void object(String kind, int start) {
        Params p = params(start, kind.length());
        List<Params> elements = new ArrayList<>();
        if (kind.equals("template")) {
            int save = lx.pos;
            lx.skipBlank();
            if (!lx.eof() && lx.ch() == '{') {
                lx.pos++;
                elements = templateElements();
            } else {
                lx.pos = save;
            }
        }
        b.object(kind, p, elements, src, start);
    }

    private List<Params> templateElements() {
        List<Params> out = new ArrayList<>();
        while (true) {
            lx.skipBlank();
            if (lx.eof()) {
                throw src.error(lx.pos, "expected '}' to close the template, found the end of the file");
            }
            if (lx.ch() == '}') {
                lx.pos++;
                return out;
            }
            int s = lx.pos;
            String w = lx.peekWord().toLowerCase(Locale.ROOT);
            if (!(w.equals("property") || w.equals("constant")) || lx.nextAfterBlanks(s + w.length()) != '(') {
                throw src.error(s, "expected property(...) or constant(...) in the template, found '" + ConfigParser.snippet(src, s) + "'");
            }
            Params p = params(s, w.length());
            p.put("element", w);
            out.add(p);
        }
    }

    void skipUnsupported(String word, int start) {
        b.warn(src.location(start), "unsupported statement '" + word + "' (ignored)");
        String t = src.text;
        int p = start + word.length();
        int depth = 0;
        while (p < t.length()) {
            char c = t.charAt(p++);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth <= 0) {
                    break;
                }
            } else if (c == ';' && depth == 0) {
                break;
            } else if (c == '\n' && depth == 0 && !word.equals("foreach")) {
                break;
            }
        }
        lx.pos = p;
    }

}

package dev.vigil.cli;

/**
 * JSON string quoting that keeps every received byte: a byte that was not valid UTF-8 (held as a lone
 * surrogate U+DC80..U+DCFF, see core's SyslogText) is written as a JSON escape of that code unit, which JSON
 * allows and which decodes back to the same byte with Python's "surrogateescape".
 */
final class JsonText {
    private JsonText() {
    }

    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1));
                        if (pair) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}

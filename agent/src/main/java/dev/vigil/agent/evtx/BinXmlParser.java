package dev.vigil.agent.evtx;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the binary XML of one chunk (libevtx "Binary XML" tokens, [MS-EVEN6] §3.1.4.7.2). Names and template
 * definitions are referenced by chunk offset: the first use defines them in place, later uses point back.
 * Templates are parsed once per chunk.
 */
final class BinXmlParser {
    static final int EOF = 0x00, OPEN_START = 0x01, CLOSE_START = 0x02, CLOSE_EMPTY = 0x03, END_ELEMENT = 0x04,
            VALUE = 0x05, ATTRIBUTE = 0x06, CDATA = 0x07, CHAR_REF = 0x08, ENTITY_REF = 0x09, PI_TARGET = 0x0a,
            PI_DATA = 0x0b, TEMPLATE_INSTANCE = 0x0c, NORMAL_SUB = 0x0d, OPTIONAL_SUB = 0x0e, FRAGMENT = 0x0f;
    /** Deepest nesting of elements, templates and embedded BinXml accepted. */
    static final int MAX_DEPTH = 64;
    /** Most substitution values one template instance may carry. */
    static final int MAX_VALUES = 4096;

    private final ByteBuffer chunk;
    private final Map<Integer, List<TemplateNode>> templates = new HashMap<>();
    private final Set<Integer> parsing = new HashSet<>();
    private int pos;

    /** @param chunk the whole chunk, little endian */
    BinXmlParser(ByteBuffer chunk) {
        this.chunk = chunk;
    }

    /** Parses the fragment in [from, to) of the chunk. */
    List<TemplateNode> fragment(int from, int to) {
        pos = from;
        List<TemplateNode> out = new ArrayList<>();
        content(to, 0, out);
        return out;
    }

    /** Reads tokens into {@code out} until end of stream, an end-element token, or {@code limit}. */
    private void content(int limit, int depth, List<TemplateNode> out) {
        depth(depth);
        while (pos < limit) {
            int tok = u8(pos);
            switch (tok & 0xbf) {
                case EOF, END_ELEMENT -> {
                    pos++;
                    return;
                }
                case FRAGMENT -> pos += 4;
                case OPEN_START -> out.add(element(limit, depth + 1));
                case VALUE, NORMAL_SUB, OPTIONAL_SUB, CHAR_REF, ENTITY_REF, CDATA -> out.add(value());
                case PI_TARGET -> {
                    int off = u32(pos + 1);
                    pos += 5;
                    skipInlineName(off);
                }
                case PI_DATA -> pos += 3 + 2 * u16(pos + 1);
                case TEMPLATE_INSTANCE -> out.add(instance(depth + 1));
                default -> throw malformed(String.format("unexpected token 0x%02x", tok));
            }
        }
    }

    private TemplateNode.Element element(int limit, int depth) {
        depth(depth);
        int start = pos;
        boolean hasAttributes = (u8(pos) & 0x40) != 0;
        // token, dependency identifier (2), data size (4), name offset (4); libevtx notes the dependency
        // identifier is absent when the element is the direct content of a BinXml (0x21) value
        int nameOffset = u32(start + 7);
        int fixedEnd = start + 11;
        if (!plausibleName(nameOffset, start, fixedEnd) && chunk.limit() >= start + 9
                && plausibleName(chunk.getInt(start + 5), start, start + 9)) {
            nameOffset = u32(start + 5);
            fixedEnd = start + 9;
        }
        String name = name(nameOffset);
        pos = fixedEnd;
        int attributeEnd = -1;
        if (hasAttributes && nameOffset == fixedEnd + 4) {
            int size = u32(fixedEnd);
            pos = nameOffset + nameLength(nameOffset);
            attributeEnd = pos + size;
        } else {
            skipInlineName(nameOffset);
            if (hasAttributes) {
                attributeEnd = pos + 4 + u32(pos);
                pos += 4;
            }
        }
        List<TemplateNode.Attribute> attributes = new ArrayList<>();
        while (hasAttributes && pos < attributeEnd && (u8(pos) & 0xbf) == ATTRIBUTE) {
            int off = u32(pos + 1);
            pos += 5;
            String an = name(off);
            skipInlineName(off);
            List<TemplateNode> v = new ArrayList<>();
            while (isValueToken(u8(pos))) {
                v.add(value());
            }
            attributes.add(new TemplateNode.Attribute(an, v));
        }
        List<TemplateNode> children = new ArrayList<>();
        int close = u8(pos) & 0xbf;
        if (close == CLOSE_EMPTY) {
            pos++;
        } else if (close == CLOSE_START) {
            pos++;
            content(limit, depth, children);
        } else {
            throw malformed(String.format("element <%s> not closed: token 0x%02x", name, close));
        }
        return new TemplateNode.Element(name, attributes, children);
    }

    private static boolean isValueToken(int tok) {
        int t = tok & 0xbf;
        return t == VALUE || t == NORMAL_SUB || t == OPTIONAL_SUB || t == CHAR_REF || t == ENTITY_REF;
    }

    private TemplateNode value() {
        int tok = u8(pos) & 0xbf;
        switch (tok) {
            case VALUE -> {
                int type = u8(pos + 1);
                if (type != ValueTypes.STRING) {
                    throw malformed("value token of type " + type + ", expected a string");
                }
                int n = u16(pos + 2);
                String s = ValueTypes.text(ValueTypes.STRING, chunk, pos + 4, 2 * n);
                pos += 4 + 2 * n;
                return new TemplateNode.Text(s);
            }
            case CDATA -> {
                int n = u16(pos + 1);
                String s = ValueTypes.text(ValueTypes.STRING, chunk, pos + 3, 2 * n);
                pos += 3 + 2 * n;
                return new TemplateNode.Text(s);
            }
            case NORMAL_SUB, OPTIONAL_SUB -> {
                TemplateNode n = new TemplateNode.Substitution(u16(pos + 1), u8(pos + 3), tok == OPTIONAL_SUB);
                pos += 4;
                return n;
            }
            case CHAR_REF -> {
                char c = (char) u16(pos + 1);
                pos += 3;
                return new TemplateNode.Text(String.valueOf(c));
            }
            default -> {
                int off = u32(pos + 1);
                pos += 5;
                String n = name(off);
                skipInlineName(off);
                return new TemplateNode.Text(switch (n) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> "&" + n + ";";
                });
            }
        }
    }

    private TemplateNode.Instance instance(int depth) {
        depth(depth);
        // token, unknown (1), template identifier (4), template definition offset (4)
        int defOffset = u32(pos + 6);
        pos += 10;
        int dataSize = u32(defOffset + 20);
        if (defOffset == pos) {
            pos = defOffset + 24 + dataSize;
        }
        List<TemplateNode> body = template(defOffset, dataSize, depth);
        int count = u32(pos);
        if (count < 0 || count > MAX_VALUES) {
            throw malformed("substitution count " + Integer.toUnsignedString(count) + " exceeds the maximum "
                    + MAX_VALUES);
        }
        int desc = pos + 4;
        int data = desc + 4 * count;
        List<TemplateNode.Value> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int size = u16(desc + 4 * i);
            int type = u8(desc + 4 * i + 2);
            check(data, size);
            if (type == ValueTypes.BINXML) {
                int saved = data + size;
                pos = data;
                List<TemplateNode> nested = new ArrayList<>();
                content(data + size, depth + 1, nested);
                values.add(new TemplateNode.Value(type, "", nested));
                data = saved;
            } else {
                List<String> items = (type & ValueTypes.ARRAY) != 0 ? ValueTypes.items(type, chunk, data, size) : null;
                values.add(new TemplateNode.Value(type, ValueTypes.text(type, chunk, data, size), null, items));
                data += size;
            }
        }
        pos = data;
        return new TemplateNode.Instance(body, values);
    }

    private List<TemplateNode> template(int defOffset, int dataSize, int depth) {
        List<TemplateNode> t = templates.get(defOffset);
        if (t != null) {
            return t;
        }
        if (!parsing.add(defOffset)) {
            throw malformed("template at chunk offset " + defOffset + " contains itself");
        }
        int saved = pos;
        int from = defOffset + 24;
        check(from, dataSize);
        pos = from;
        List<TemplateNode> out = new ArrayList<>();
        content(from + dataSize, depth + 1, out);
        pos = saved;
        parsing.remove(defOffset);
        templates.put(defOffset, out);
        return out;
    }

    /** A name reference is either defined right here (possibly after the attribute list size) or earlier. */
    private boolean plausibleName(int off, int start, int fixedEnd) {
        boolean here = off == fixedEnd || off == fixedEnd + 4;
        boolean earlier = off >= EvtxReader.CHUNK_DATA && off < start;
        return (here || earlier) && off + 8 <= chunk.limit();
    }

    /** A name string: next offset (4), hash (2), character count (2), UTF-16 characters, NUL (2). */
    private String name(int off) {
        int n = u16(off + 6);
        check(off + 8, 2 * n);
        return ValueTypes.text(ValueTypes.STRING, chunk, off + 8, 2 * n);
    }

    private int nameLength(int off) {
        return 8 + 2 * u16(off + 6) + 2;
    }

    private void skipInlineName(int off) {
        if (off == pos) {
            pos += nameLength(off);
        }
    }

    private void depth(int d) {
        if (d > MAX_DEPTH) {
            throw malformed("nesting depth " + d + " exceeds the maximum " + MAX_DEPTH);
        }
    }

    private void check(int at, int size) {
        if (at < 0 || size < 0 || at + size > chunk.limit()) {
            throw malformed("data at chunk offset " + at + " of " + size + " bytes runs past the chunk end "
                    + chunk.limit());
        }
    }

    private int u8(int at) {
        check(at, 1);
        return chunk.get(at) & 0xff;
    }

    private int u16(int at) {
        check(at, 2);
        return chunk.getShort(at) & 0xffff;
    }

    private int u32(int at) {
        check(at, 4);
        return chunk.getInt(at);
    }

    private IllegalStateException malformed(String why) {
        return new IllegalStateException(why + " (chunk offset " + pos + ")");
    }
}

package dev.vigil.agent.evtx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rendered XML element or text run: what binary XML turns into once substitutions are filled in. */
final class XmlNode {
    final String name;
    final String text;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlNode> children = new ArrayList<>();

    private XmlNode(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static XmlNode element(String name) {
        return new XmlNode(name, null);
    }

    static XmlNode text(String text) {
        return new XmlNode(null, text);
    }

    boolean isText() {
        return name == null;
    }

    /** The concatenated text of this element's direct text children. */
    String textContent() {
        StringBuilder sb = new StringBuilder();
        for (XmlNode c : children) {
            if (c.isText()) {
                sb.append(c.text);
            }
        }
        return sb.toString();
    }

    XmlNode child(String n) {
        for (XmlNode c : children) {
            if (n.equals(c.name)) {
                return c;
            }
        }
        return null;
    }

    void render(StringBuilder sb) {
        if (isText()) {
            escape(sb, text, false);
            return;
        }
        sb.append('<').append(name);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            sb.append(' ').append(a.getKey()).append("=\"");
            escape(sb, a.getValue(), true);
            sb.append('"');
        }
        if (children.isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        for (XmlNode c : children) {
            c.render(sb);
        }
        sb.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder sb, String s, boolean attr) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attr ? "&quot;" : "\"");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        sb.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }
}

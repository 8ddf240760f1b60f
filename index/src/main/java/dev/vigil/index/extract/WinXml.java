package dev.vigil.index.extract;

import java.util.Map;

/**
 * The XML rendering of a Windows event ({@code <Event xmlns=...><System>...</System><EventData>...}), as
 * Event Viewer, {@code wevtutil qe /f:xml}, Splunk's {@code XmlWinEventLog} and {@code vigil import} of EVTX
 * files give it, read into flat fields: System children by element name (attributes by attribute name:
 * {@code Provider} Name/Guid, {@code TimeCreated} SystemTime, {@code Execution} ProcessID/ThreadID,
 * {@code Security} UserID…), each EventData {@code Data} by its {@code Name} (unnamed ones as {@code param1},
 * {@code param2}…), UserData leaves by element name (first wins) and RenderingInfo's {@code Message}.
 * <p>A small non-validating scanner, not a general XML parser: no DTDs or external entities are ever read,
 * nesting deeper than {@link #MAX_DEPTH} is skipped, and malformed text ends the scan keeping what was found.
 */
final class WinXml {
    static final int MAX_DEPTH = 64;

    private final String s;
    private final Map<String, Object> out;
    private final String[] stack = new String[MAX_DEPTH];
    private int depth;
    private int unnamed;
    private final StringBuilder text = new StringBuilder();
    private boolean leaf;
    private String dataName;

    private WinXml(String s, Map<String, Object> out) {
        this.s = s;
        this.out = out;
    }

    /** Whether the text is the XML rendering of an event ({@code <Event} first, after an XML declaration). */
    static boolean looksLike(String t) {
        int i = 0;
        if (t.startsWith("<?xml")) {
            int end = t.indexOf("?>");
            if (end < 0) {
                return false;
            }
            i = end + 2;
            while (i < t.length() && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
        }
        return t.startsWith("<Event", i) && t.length() > i + 6
                && (t.charAt(i + 6) == ' ' || t.charAt(i + 6) == '>' || t.charAt(i + 6) == '\n'
                || t.charAt(i + 6) == '\r' || t.charAt(i + 6) == '\t');
    }

    /** Reads the event's fields into {@code out}; returns false when the text holds no {@code Event} element. */
    static boolean read(String s, Map<String, Object> out) {
        WinXml x = new WinXml(s, out);
        int before = out.size();
        x.scan();
        return out.size() > before;
    }

    private void scan() {
        int i = 0;
        int n = s.length();
        while (i < n) {
            int lt = s.indexOf('<', i);
            if (lt < 0) {
                return;
            }
            if (lt > i && depth > 0) {
                decode(i, lt, text);
            }
            if (s.startsWith("<!--", lt)) {
                i = skipPast(lt + 4, "-->");
            } else if (s.startsWith("<![CDATA[", lt)) {
                int end = s.indexOf("]]>", lt + 9);
                if (end < 0) {
                    return;
                }
                text.append(s, lt + 9, end);
                i = end + 3;
            } else if (s.startsWith("<?", lt) || s.startsWith("<!", lt)) {
                i = skipPast(lt + 2, ">");
            } else if (s.startsWith("</", lt)) {
                int gt = s.indexOf('>', lt);
                if (gt < 0) {
                    return;
                }
                end();
                i = gt + 1;
            } else {
                i = start(lt + 1);
            }
            if (i < 0) {
                return;
            }
        }
    }

    private int skipPast(int from, String close) {
        int end = s.indexOf(close, from);
        return end < 0 ? -1 : end + close.length();
    }

    /** An element's start tag from just after {@code <}; returns where scanning resumes, -1 when malformed. */
    private int start(int i) {
        int n = s.length();
        int ns = i;
        while (i < n && !isSpace(s.charAt(i)) && s.charAt(i) != '>' && s.charAt(i) != '/') {
            i++;
        }
        String name = local(s.substring(ns, i));
        if (name.isEmpty()) {
            return -1;
        }
        if (depth == 0 && !name.equals("Event")) {
            return -1;
        }
        push(name);
        dataName = null;
        while (true) {
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return -1;
            }
            char c = s.charAt(i);
            if (c == '>') {
                return i + 1;
            }
            if (c == '/') {
                int gt = s.indexOf('>', i);
                if (gt < 0) {
                    return -1;
                }
                end();
                return gt + 1;
            }
            int as = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != '>' && !isSpace(s.charAt(i))) {
                i++;
            }
            String attr = local(s.substring(as, i));
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                return -1;
            }
            i++;
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            if (i >= n || (s.charAt(i) != '"' && s.charAt(i) != '\'')) {
                return -1;
            }
            int close = s.indexOf(s.charAt(i), i + 1);
            if (close < 0) {
                return -1;
            }
            StringBuilder v = new StringBuilder(close - i);
            decode(i + 1, close, v);
            attribute(attr, v.toString());
            i = close + 1;
        }
    }

    /** A child starts: the parent is no leaf (its own text is layout, not a value) and is never emitted. */
    private void push(String name) {
        if (depth < MAX_DEPTH) {
            stack[depth] = name;
        }
        depth++;
        leaf = true;
        text.setLength(0);
    }

    private void end() {
        if (depth == 0) {
            return;
        }
        if (leaf && depth <= MAX_DEPTH) {
            value(text.toString());
        }
        depth--;
        leaf = false; // back in the parent, which had this child
        text.setLength(0);
        dataName = null;
    }

    private String section() {
        return depth >= 2 ? stack[1] : "";
    }

    private void attribute(String name, String value) {
        if (depth > MAX_DEPTH || depth < 3) {
            return;
        }
        String el = stack[depth - 1];
        switch (section()) {
            case "System":
                if (depth != 3) {
                    return;
                }
                if (el.equals("Provider")) {
                    put(name.equals("Name") ? "Provider" : name.equals("Guid") ? "ProviderGuid" : name, value);
                } else if (el.equals("TimeCreated") && name.equals("SystemTime")) {
                    put("TimeCreated", value);
                } else if (!name.equals("xmlns")) {
                    put(name, value);
                }
                break;
            case "EventData":
                if (depth == 3 && el.equals("Data") && name.equals("Name")) {
                    dataName = value;
                }
                break;
            default:
                break;
        }
    }

    private void value(String v) {
        String el = stack[depth - 1];
        switch (section()) {
            case "System":
                if (depth == 3) {
                    put(el, v);
                }
                break;
            case "EventData":
                if (depth == 3) {
                    put(el.equals("Data") ? dataName != null ? dataName : "param" + (++unnamed) : el, v);
                }
                break;
            case "UserData":
                if (depth >= 4 && !out.containsKey(el)) {
                    put(el, v);
                }
                break;
            case "RenderingInfo":
                if (depth == 3 && el.equals("Message")) {
                    put("Message", v);
                }
                break;
            default:
                break;
        }
    }

    private void put(String name, String v) {
        if (!v.isEmpty() && !name.isEmpty()) {
            Kv.put(out, name, v);
        }
    }

    private static String local(String qname) {
        int colon = qname.indexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Appends {@code s[from..to)} with XML's five entities and character references replaced. */
    private void decode(int from, int to, StringBuilder b) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            int semi;
            if (c != '&' || (semi = s.indexOf(';', i)) < 0 || semi >= to || semi - i > 10) {
                b.append(c);
                i++;
                continue;
            }
            String ent = s.substring(i + 1, semi);
            int cp = entity(ent);
            if (cp < 0) {
                b.append(c);
                i++;
            } else {
                b.appendCodePoint(cp);
                i = semi + 1;
            }
        }
    }

    private static int entity(String e) {
        switch (e) {
            case "amp": return '&';
            case "lt": return '<';
            case "gt": return '>';
            case "quot": return '"';
            case "apos": return '\'';
            default:
                break;
        }
        if (e.length() < 2 || e.charAt(0) != '#') {
            return -1;
        }
        try {
            int cp = e.charAt(1) == 'x' || e.charAt(1) == 'X' ? Integer.parseInt(e.substring(2), 16)
                    : Integer.parseInt(e.substring(1));
            return Character.isValidCodePoint(cp) ? cp : -1;
        } catch (NumberFormatException x) {
            return -1;
        }
    }
}

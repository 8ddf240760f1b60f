package dev.vigil.collector.template;

import java.util.ArrayList;
import java.util.List;

/** Parses rsyslog's template string syntax into parts. */
final class TemplateStringParser {
    private TemplateStringParser() {
    }

    static List<Part> parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = text.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'n': lit.append('\n'); break;
                    case 'r': lit.append('\r'); break;
                    case 't': lit.append('\t'); break;
                    case '\\': lit.append('\\'); break;
                    case '%': lit.append('%'); break;
                    case '"': lit.append('"'); break;
                    case '\'': lit.append('\''); break;
                    default:
                        if (e >= '0' && e <= '7') {
                            int v = e - '0';
                            int k = 0;
                            while (k < 2 && i < n && text.charAt(i) >= '0' && text.charAt(i) <= '7') {
                                v = v * 8 + (text.charAt(i++) - '0');
                                k++;
                            }
                            lit.append((char) v);
                        } else {
                            lit.append(e);
                        }
                }
                continue;
            }
            if (c == '%') {
                int end = propertyEnd(text, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("column " + (i + 1) + ": property starting here is not "
                            + "closed by '%'");
                }
                if (lit.length() > 0) {
                    parts.add(new Part.Constant(lit.toString()));
                    lit.setLength(0);
                }
                try {
                    parts.add(new PropertyPart(parseProperty(text.substring(i + 1, end))));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("column " + (i + 1) + ": " + ex.getMessage(), ex);
                }
                i = end + 1;
                continue;
            }
            lit.append(c);
            i++;
        }
        if (lit.length() > 0) {
            parts.add(new Part.Constant(lit.toString()));
        }
        return parts;
    }

    /** Index of the '%' closing a property that starts at {@code from}; a regex may contain '%' before "--end". */
    private static int propertyEnd(String t, int from) {
        int colon1 = t.indexOf(':', from);
        int pct = t.indexOf('%', from);
        if (colon1 >= 0 && (pct < 0 || colon1 < pct) && colon1 + 1 < t.length() && t.charAt(colon1 + 1) == 'R') {
            int endRe = t.indexOf("--end", colon1);
            if (endRe >= 0) {
                return t.indexOf('%', endRe);
            }
        }
        return pct;
    }

    /** "name:from:to:options:outname" in rsyslog's property replacer syntax. */
    static PropertySpec parseProperty(String body) {
        int c1 = body.indexOf(':');
        PropertySpec s = new PropertySpec(c1 < 0 ? body : body.substring(0, c1));
        if (c1 < 0) {
            return s;
        }
        String rest = body.substring(c1 + 1);
        String toAndOpts;
        if (rest.startsWith("R")) {
            int c2 = rest.indexOf(':');
            int endRe = rest.indexOf("--end");
            if (c2 < 0 || endRe < 0) {
                throw new IllegalArgumentException("regular expression in '%" + body + "%' lacks ':' or '--end'");
            }
            regexParams(s, rest.substring(0, c2));
            s.regex = rest.substring(c2 + 1, endRe);
            toAndOpts = rest.substring(endRe + 5);
            toAndOpts = toAndOpts.startsWith(":") ? toAndOpts.substring(1) : toAndOpts;
            options(s, toAndOpts);
            return s;
        }
        int c2 = rest.indexOf(':');
        String from = c2 < 0 ? rest : rest.substring(0, c2);
        String after = c2 < 0 ? "" : rest.substring(c2 + 1);
        int c3 = after.indexOf(':');
        String to = c3 < 0 ? after : after.substring(0, c3);
        String opts = c3 < 0 ? "" : after.substring(c3 + 1);
        if (from.startsWith("F")) {
            int comma = from.indexOf(',');
            if (comma > 0) {
                String d = from.substring(comma + 1);
                s.fieldDelimiter = d.matches("\\d+") ? String.valueOf((char) Integer.parseInt(d)) : d;
            }
            s.fieldNumber = parseInt(to, "field number");
        } else {
            s.from = from.isEmpty() ? 0 : parseInt(from, "fromChar");
            if (to.equals("$")) {
                s.toEnd = true;
            } else {
                s.to = to.isEmpty() ? 0 : parseInt(to, "toChar");
            }
        }
        options(s, opts);
        return s;
    }

    private static void regexParams(PropertySpec s, String params) {
        String[] p = params.split(",", -1);
        for (int k = 1; k < p.length; k++) {
            String v = p[k].trim();
            switch (k) {
                case 1:
                    if (v.equalsIgnoreCase("ERE")) {
                        s.regexExtended = true;
                    } else if (!v.equalsIgnoreCase("BRE") && !v.isEmpty()) {
                        throw new IllegalArgumentException("regex type must be BRE or ERE, not '" + v + "'");
                    }
                    break;
                case 2: s.regexSubmatch = parseInt(v, "submatch"); break;
                case 3: s.noMatch = PropertySpec.NoMatch.valueOf(v.toUpperCase(java.util.Locale.ROOT)); break;
                case 4: s.regexMatch = parseInt(v, "match number"); break;
                default: throw new IllegalArgumentException("too many regex parameters in '" + params + "'");
            }
        }
    }

    private static void options(PropertySpec s, String opts) {
        if (opts.isEmpty()) {
            return;
        }
        String[] parts = opts.split(":", 2);
        for (String o : parts[0].split(",")) {
            s.option(o);
        }
        if (parts.length > 1 && !parts[1].isEmpty()) {
            s.outName = parts[1];
        }
    }

    private static int parseInt(String v, String what) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, not '" + v + "'");
        }
    }
}

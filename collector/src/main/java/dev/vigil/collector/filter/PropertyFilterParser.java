package dev.vigil.collector.filter;

import dev.vigil.core.syslog.Properties;

/**
 * Parses the text of a property-based filter line as rsyslog's {@code DecodePropFilter} does, and says
 * where the action part begins.
 */
public final class PropertyFilterParser {
    /** A parsed filter and the offset in the line just after its quoted value. */
    public record Result(PropertyFilter filter, int end) {
    }

    private PropertyFilterParser() {
    }

    /**
     * Parses {@code line} starting at the ':' at {@code start}.
     *
     * @throws FilterSyntaxException with the offset of the problem and rsyslog's reason
     */
    public static Result parse(String line, int start) {
        int p = start + 1;
        int comma = line.indexOf(',', p);
        if (comma < 0) {
            throw new FilterSyntaxException(p, "property filter: expected ',' after the property name");
        }
        String name = line.substring(p, comma).trim();
        String prop = Properties.canonical(name);
        if (prop == null) {
            throw new FilterSyntaxException(p, "invalid property name '" + name + "'");
        }
        p = comma + 1;
        int comma2 = line.indexOf(',', p);
        if (comma2 < 0) {
            throw new FilterSyntaxException(p, "property filter: expected ', \"value\"' after the compare operation");
        }
        String opText = line.substring(p, comma2).trim();
        boolean negate = opText.startsWith("!");
        for (int i = negate ? 1 : 0; i < opText.length(); i++) {
            char c = opText.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                // rsyslog 8.2302's lexer takes only letters here: "contains_i" makes the line a syntax error
                throw new FilterSyntaxException(p, "invalid character '" + c + "' in compare operation '" + opText
                        + "' (rsyslog's legacy filter syntax allows only letters here)");
            }
        }
        PropertyFilter.Op op = PropertyFilter.Op.of(negate ? opText.substring(1) : opText);
        if (op == null) {
            throw new FilterSyntaxException(p, "invalid compare operation '" + opText + "' - ignoring selector");
        }
        p = comma2 + 1;
        while (p < line.length() && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
            p++;
        }
        if (p >= line.length() || line.charAt(p) != '"') {
            throw new FilterSyntaxException(p, "property filter: expected a quoted compare value");
        }
        StringBuilder value = new StringBuilder();
        p++;
        // rsyslog's parsQuotedCStr: a backslash copies the next character as is
        while (p < line.length() && line.charAt(p) != '"') {
            char c = line.charAt(p++);
            if (c == '\\' && p < line.length()) {
                c = line.charAt(p++);
            }
            value.append(c);
        }
        if (p >= line.length()) {
            throw new FilterSyntaxException(p, "property filter: missing closing '\"'");
        }
        try {
            return new Result(new PropertyFilter(prop, op, negate, value.toString()), p + 1);
        } catch (IllegalArgumentException e) {
            throw new FilterSyntaxException(p, e.getMessage());
        }
    }
}

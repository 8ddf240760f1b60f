package dev.vigil.collector.filter;

import com.google.re2j.Pattern;
import dev.vigil.collector.template.PosixRegex;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.Properties;
import java.util.Locale;

/**
 * rsyslog's property-based filter {@code :property, [!]operation, "value"} (e.g.
 * {@code :msg, !contains, "e"}). Regular expressions are POSIX (BRE for {@code regex}, ERE for
 * {@code ereregex}) run by RE2/J, so no pattern can hang the collector.
 */
public final class PropertyFilter implements Filter {
    /** The comparison operations rsyslog 8.2302 accepts. */
    public enum Op {
        CONTAINS, CONTAINS_I, ISEQUAL, STARTSWITH, STARTSWITH_I, REGEX, EREREGEX, ISEMPTY;

        /** The operation for rsyslog's name, or null. */
        static Op of(String name) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "contains": return CONTAINS;
                case "contains_i": return CONTAINS_I;
                case "isequal": return ISEQUAL;
                case "startswith": return STARTSWITH;
                case "startswith_i": return STARTSWITH_I;
                case "regex": return REGEX;
                case "ereregex": return EREREGEX;
                case "isempty": return ISEMPTY;
                default: return null;
            }
        }
    }

    private final String property;
    private final Op op;
    private final boolean negate;
    private final String value;
    private final String valueLower;
    private final Pattern pattern;

    /**
     * @param property a canonical property name (see {@link Properties#canonical})
     * @throws IllegalArgumentException when a regular expression does not compile
     */
    public PropertyFilter(String property, Op op, boolean negate, String value) {
        this.property = property;
        this.op = op;
        this.negate = negate;
        this.value = value;
        this.valueLower = Values.ascii(value, false);
        this.pattern = op == Op.REGEX || op == Op.EREREGEX ? PosixRegex.compile(value, op == Op.EREREGEX, false) : null;
    }

    @Override
    public boolean matches(Event e) {
        String v = Properties.get(e, property);
        boolean r;
        switch (op) {
            case CONTAINS: r = v.contains(value); break;
            case CONTAINS_I: r = Values.ascii(v, false).contains(valueLower); break;
            case ISEQUAL: r = v.equals(value); break;
            case STARTSWITH: r = v.startsWith(value); break;
            case STARTSWITH_I: r = v.regionMatches(true, 0, value, 0, value.length()); break;
            case ISEMPTY: r = v.isEmpty(); break;
            default: r = pattern.matcher(v).find();
        }
        return r != negate;
    }

    public String property() {
        return property;
    }

    public Op op() {
        return op;
    }

    public boolean negated() {
        return negate;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyFilter p && p.property.equals(property) && p.op == op && p.negate == negate
                && p.value.equals(value);
    }

    @Override
    public int hashCode() {
        return property.hashCode() * 31 + op.hashCode() + value.hashCode() + (negate ? 1 : 0);
    }

    @Override
    public String toString() {
        return ":" + property + ", " + (negate ? "!" : "") + op.name().toLowerCase(Locale.ROOT) + ", \""
                + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package dev.vigil.collector.template;

/** JSON string escaping as rsyslog's property replacer "json" option does it. */
public final class Json {
    private Json() {
    }

    /** Escapes quotes, backslashes and control characters; '/' is escaped as rsyslog's property formats do. */
    public static String escape(String v) {
        return escape(v, true);
    }

    /**
     * As {@link #escape(String)}; {@code slash} false leaves '/' alone, as rsyslog's template-level
     * {@code option.json} does (its property-level json/jsonf formats escape it).
     */
    public static String escape(String v, boolean slash) {
        StringBuilder sb = null;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            String rep = null;
            switch (c) {
                case '"': rep = "\\\""; break;
                case '\\': rep = "\\\\"; break;
                case '/': rep = slash ? "\\/" : null; break;
                case '\b': rep = "\\b"; break;
                case '\f': rep = "\\f"; break;
                case '\n': rep = "\\n"; break;
                case '\r': rep = "\\r"; break;
                case '\t': rep = "\\t"; break;
                default:
                    if (c < 0x20) {
                        rep = String.format("\\u%04x", (int) c);
                    }
            }
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(v.length() + 16);
                    sb.append(v, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? v : sb.toString();
    }
}

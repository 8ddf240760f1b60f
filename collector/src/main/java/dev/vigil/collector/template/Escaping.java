package dev.vigil.collector.template;

/**
 * Template-level escaping of property values (rsyslog's template options): none, {@code option.sql}
 * (MySQL: {@code '} and {@code \} backslash-escaped), {@code option.stdsql} (SQL standard: {@code '}
 * doubled), {@code option.json} (JSON string escaping).
 */
public enum Escaping {
    NONE, SQL, STDSQL, JSON;

    /** Escapes {@code v} per this mode. */
    public String apply(String v) {
        switch (this) {
            case SQL: {
                if (v.indexOf('\'') < 0 && v.indexOf('\\') < 0) {
                    return v;
                }
                StringBuilder sb = new StringBuilder(v.length() + 8);
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c == '\'' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                return sb.toString();
            }
            case STDSQL:
                return v.indexOf('\'') < 0 ? v : v.replace("'", "''");
            case JSON:
                return Json.escape(v, false);
            default:
                return v;
        }
    }
}

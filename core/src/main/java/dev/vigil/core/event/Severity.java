package dev.vigil.core.event;

/** Syslog severity names by code, RFC 5424 §6.2.1 table 2, with rsyslog's spellings. */
public final class Severity {
    private static final String[] NAMES = {"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};

    private Severity() {
    }

    /** rsyslog's text for a severity code. */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "invld";
    }

    /** The code for a name or one of the aliases rsyslog accepts (warn, error, panic), or -1. */
    public static int code(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "warn": return 4;
            case "error": return 3;
            case "panic": return 0;
            default:
                for (int i = 0; i < NAMES.length; i++) {
                    if (NAMES[i].equals(n)) {
                        return i;
                    }
                }
                return -1;
        }
    }
}

package dev.vigil.core.event;

/** Syslog facility names by code, RFC 5424 §6.2.1 table 1, with rsyslog's spellings. */
public final class Facility {
    private static final String[] NAMES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
        "local7"};

    private Facility() {
    }

    /** rsyslog's text for a facility code; out-of-range codes read as "invld" as in rsyslog. */
    public static String name(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "invld";
    }

    /** The code for a name, or -1 when unknown. Accepts rsyslog's alias "security" for auth. */
    public static int code(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.equals("security")) {
            return 4;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return i;
            }
        }
        return -1;
    }

    /** Number of facilities defined by RFC 5424. */
    public static int count() {
        return NAMES.length;
    }
}

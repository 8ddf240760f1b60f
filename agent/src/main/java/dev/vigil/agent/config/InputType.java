package dev.vigil.agent.config;

/** What an input reads. */
public enum InputType {
    /** Text log files, one event per line (or per multi-line group). */
    FILE("file", null),
    /** wtmp: logins, logouts, boots and shutdowns (glibc x86-64 utmp records). */
    WTMP("wtmp", "linux:wtmp"),
    /** btmp: failed logins. */
    BTMP("btmp", "linux:btmp"),
    /** lastlog: the last login of each account. */
    LASTLOG("lastlog", "linux:lastlog"),
    /** Process accounting (Linux acct v3): commands run. */
    PACCT("pacct", "linux:pacct");

    /** The name in agent.yml. */
    public final String yamlName;
    /** The sourcetype its events get unless the input sets one. */
    public final String defaultSourcetype;

    InputType(String yamlName, String defaultSourcetype) {
        this.yamlName = yamlName;
        this.defaultSourcetype = defaultSourcetype;
    }

    /** The type of a name in agent.yml, or null. */
    public static InputType of(String name) {
        for (InputType t : values()) {
            if (t.yamlName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}

package dev.vigil.agent.login;

/** The {@code ut_type} values of glibc's {@code <bits/utmp.h>} (the same numbers as XPG's utmpx). */
public final class UtmpType {
    /** No valid user accounting information. */
    public static final int EMPTY = 0;
    /** The system's run level changed; {@code ut_pid} holds the new level in its low byte. */
    public static final int RUN_LVL = 1;
    /** Time of system boot. */
    public static final int BOOT_TIME = 2;
    /** Time after a system clock change. */
    public static final int NEW_TIME = 3;
    /** Time before a system clock change. */
    public static final int OLD_TIME = 4;
    /** A process spawned by init. */
    public static final int INIT_PROCESS = 5;
    /** A session leader waiting for a user to log in (getty); btmp records use it too. */
    public static final int LOGIN_PROCESS = 6;
    /** A user's session. */
    public static final int USER_PROCESS = 7;
    /** A session that ended. */
    public static final int DEAD_PROCESS = 8;
    /** Accounting (unused by Linux). */
    public static final int ACCOUNTING = 9;
    /** Not a glibc value: what {@code last} calls a "shutdown" record internally. */
    public static final int SHUTDOWN_TIME = 254;

    private static final String[] NAMES = {"EMPTY", "RUN_LVL", "BOOT_TIME", "NEW_TIME", "OLD_TIME",
        "INIT_PROCESS", "LOGIN_PROCESS", "USER_PROCESS", "DEAD_PROCESS", "ACCOUNTING"};

    private UtmpType() {
    }

    /** @return the constant's name, or the number for values glibc does not define */
    public static String name(int type) {
        return type >= 0 && type < NAMES.length ? NAMES[type] : Integer.toString(type);
    }
}

package dev.vigil.agent.login;

/**
 * One row of wtmpdb's {@code wtmp} table (wtmpdb lib/sqlite.c): a session or a boot with its end.
 *
 * @param id          {@code ID}
 * @param type        {@code Type}: {@link #BOOT_TIME}, {@link #RUNLEVEL}, {@link #USER_PROCESS}
 * @param user        {@code User} ("reboot" for boots)
 * @param loginUsec   {@code Login}, microseconds since the epoch
 * @param logoutUsec  {@code Logout}, microseconds since the epoch, or -1 while the session is open
 * @param tty         {@code TTY}, "" when NULL
 * @param remoteHost  {@code RemoteHost} (the kernel release for boots), "" when NULL
 * @param service     {@code Service}: the PAM service, "" when NULL
 */
public record WtmpDbRecord(long id, int type, String user, long loginUsec, long logoutUsec, String tty,
                           String remoteHost, String service) {
    /** wtmpdb.h: time of system boot. */
    public static final int BOOT_TIME = 1;
    /** wtmpdb.h: the run level (unused with systemd). */
    public static final int RUNLEVEL = 2;
    /** wtmpdb.h: a user session. */
    public static final int USER_PROCESS = 3;
}

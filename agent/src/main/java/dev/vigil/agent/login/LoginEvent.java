package dev.vigil.agent.login;

import java.time.Instant;

/**
 * One login-related fact read from a host's records, ready to become an event: who, where from, when.
 *
 * @param kind    what happened
 * @param time    when (the record's own timestamp)
 * @param user    the account ("" when the record does not say, "reboot" for boots)
 * @param tty     the terminal line ("pts/0", "ssh:notty", "~" for system records)
 * @param host    the remote host as recorded, or the kernel release for boots
 * @param address the numeric remote address, "" when none was recorded
 * @param pid     the session's process id, 0 when not known
 * @param source  which file or database it came from
 */
public record LoginEvent(Kind kind, Instant time, String user, String tty, String host, String address, int pid,
                         String source) {

    /** What a login record says happened. */
    public enum Kind {
        /** A user session began. */
        LOGIN,
        /** A user session ended. */
        LOGOUT,
        /** A login attempt failed (btmp). */
        FAILED_LOGIN,
        /** The system booted. */
        BOOT,
        /** The system was shut down or rebooted cleanly. */
        SHUTDOWN,
        /** The run level changed (not to 0 or 6). */
        RUNLEVEL,
        /** The system clock was set (the records before and after). */
        TIME_CHANGE,
        /** The last login of an account (lastlog, lastlog2). */
        LAST_LOGIN
    }
}

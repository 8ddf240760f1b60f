package dev.vigil.agent.login;

/**
 * One row of lastlog2's {@code Lastlog2} table (util-linux liblastlog2): an account's most recent login.
 *
 * @param name       {@code Name}: the account
 * @param time       {@code Time}: epoch seconds, 0 for never
 * @param tty        {@code TTY}, "" when NULL
 * @param remoteHost {@code RemoteHost}, "" when NULL
 * @param service    {@code Service}: the PAM service, "" when NULL
 */
public record Lastlog2Record(String name, long time, String tty, String remoteHost, String service) {
}

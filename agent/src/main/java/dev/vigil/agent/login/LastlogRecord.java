package dev.vigil.agent.login;

/**
 * One {@code struct lastlog} (x86-64 glibc: int32 ll_time, char ll_line[32], char ll_host[256]; 292 bytes).
 * Text fields are byte strings (ISO-8859-1, cut at the first NUL) as in {@link UtmpRecord}.
 *
 * @param uid     the user id: the record's index in the file
 * @param time    {@code ll_time}, epoch seconds; 0 means never logged in
 * @param line    {@code ll_line}
 * @param host    {@code ll_host}
 */
public record LastlogRecord(long uid, long time, String line, String host) {
    /** The record of a user who never logged in (a hole in the sparse file). */
    public static LastlogRecord never(long uid) {
        return new LastlogRecord(uid, 0, "", "");
    }
}

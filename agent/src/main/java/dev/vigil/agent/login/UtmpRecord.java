package dev.vigil.agent.login;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * One glibc x86-64 {@code struct utmp} record. Text fields are kept as "byte strings" (ISO-8859-1, one char
 * per byte, cut at the first NUL) so that output can reproduce the file's bytes exactly; {@link #text(String)}
 * turns one into proper Unicode.
 *
 * @param type       {@code ut_type}, see {@link UtmpType}
 * @param pid        {@code ut_pid}
 * @param line       {@code ut_line} (32 bytes): the tty without "/dev/"
 * @param id         {@code ut_id} (4 bytes)
 * @param user       {@code ut_user} (32 bytes)
 * @param host       {@code ut_host} (256 bytes): remote host, or the kernel release for boot records
 * @param exitTermination {@code ut_exit.e_termination}
 * @param exitStatus {@code ut_exit.e_exit}
 * @param session    {@code ut_session}
 * @param seconds    {@code ut_tv.tv_sec}
 * @param micros     {@code ut_tv.tv_usec}
 * @param addrV6     {@code ut_addr_v6}, 16 bytes in network order (IPv4 in the first 4)
 * @param offset     where the record starts in its file
 */
public record UtmpRecord(int type, int pid, String line, String id, String user, String host,
                         int exitTermination, int exitStatus, int session, long seconds, int micros,
                         byte[] addrV6, long offset) {

    /** @return the login time as an instant */
    public Instant time() {
        return Instant.ofEpochSecond(seconds, micros * 1000L);
    }

    /** Decodes a byte string of this record as UTF-8, the encoding login programs write. */
    public static String text(String byteString) {
        return new String(byteString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UtmpRecord r && type == r.type && pid == r.pid && line.equals(r.line) && id.equals(r.id)
                && user.equals(r.user) && host.equals(r.host) && exitTermination == r.exitTermination
                && exitStatus == r.exitStatus && session == r.session && seconds == r.seconds && micros == r.micros
                && Arrays.equals(addrV6, r.addrV6) && offset == r.offset;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seconds) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "UtmpRecord[" + UtmpType.name(type) + " pid=" + pid + " line=" + line + " user=" + user
                + " host=" + host + " tv=" + seconds + "." + micros + " @" + offset + "]";
    }
}

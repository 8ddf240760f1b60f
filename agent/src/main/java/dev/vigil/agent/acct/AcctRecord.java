package dev.vigil.agent.acct;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One Linux {@code struct acct_v3} (include/uapi/linux/acct.h, 64 bytes): a process that ended.
 * Times {@code utime}/{@code stime} are in AHZ ticks (100 per second on Linux), already expanded from comp_t.
 *
 * @param flags    {@code ac_flag}: {@link #AFORK}, {@link #ASU}, {@link #ACOMPAT}, {@link #ACORE}, {@link #AXSIG}
 * @param tty      {@code ac_tty}: the controlling terminal, old-style (major << 8 | minor), 0 for none
 * @param exitCode {@code ac_exitcode}: the wait status
 * @param uid      {@code ac_uid}
 * @param gid      {@code ac_gid}
 * @param pid      {@code ac_pid}
 * @param ppid     {@code ac_ppid}
 * @param btime    {@code ac_btime}: process creation time, epoch seconds
 * @param etime    {@code ac_etime}: elapsed time in ticks
 * @param utime    {@code ac_utime} in ticks
 * @param stime    {@code ac_stime} in ticks
 * @param mem      {@code ac_mem}: average memory usage in KiB
 * @param minflt   {@code ac_minflt}: minor page faults
 * @param majflt   {@code ac_majflt}: major page faults
 * @param swaps    {@code ac_swaps}: swaps (always 0 on Linux)
 * @param comm     {@code ac_comm}: the command name, a byte string (ISO-8859-1, up to 16 bytes)
 * @param offset   where the record starts in its file
 */
public record AcctRecord(int flags, int tty, long exitCode, long uid, long gid, long pid, long ppid, long btime,
                         float etime, double utime, double stime, double mem, double minflt,
                         double majflt, double swaps, String comm, long offset) {
    /** Forked but did not exec. */
    public static final int AFORK = 0x01;
    /** Used super-user privileges. */
    public static final int ASU = 0x02;
    /** Used compatibility mode (never set on Linux, printed as C). */
    public static final int ACOMPAT = 0x04;
    /** Dumped core. */
    public static final int ACORE = 0x08;
    /** Killed by a signal. */
    public static final int AXSIG = 0x10;

    /** @return when the process started */
    public Instant startTime() {
        return Instant.ofEpochSecond(btime);
    }

    /** @return the command name as text (the kernel copies it from the executable's name, UTF-8 in practice) */
    public String command() {
        return new String(comm.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** @return user plus system CPU seconds at the given tick rate */
    public double cpuSeconds(int ahz) {
        return (utime + stime) / ahz;
    }
}

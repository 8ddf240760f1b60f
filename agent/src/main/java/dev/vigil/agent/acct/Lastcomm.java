package dev.vigil.agent.acct;

import dev.vigil.agent.login.CTime;
import dev.vigil.agent.login.Passwd;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** GNU acct 6.6 {@code lastcomm}: one line per accounting record, newest first, byte for byte. */
public final class Lastcomm {
    /** The options of lastcomm that Vigil supports. */
    public static final class Options {
        /** Positional names: each matches a command, a user or a terminal. */
        public List<String> names = new ArrayList<>();
        /** {@code --user}. */
        public List<String> users = new ArrayList<>();
        /** {@code --tty}. */
        public List<String> ttys = new ArrayList<>();
        /** {@code --command}. */
        public List<String> commands = new ArrayList<>();
        /** {@code --strict-match}: a record must match every kind of criterion given. */
        public boolean strict;
        /** {@code --pid}: append the process and parent ids. */
        public boolean pid;
        /** {@code --print-controls}: print control characters of command names as they are. */
        public boolean printControls;
        /** {@code --show-paging}: page faults and swaps in place of the user and terminal columns. */
        public boolean showPaging;
        /** {@code --forwards}: oldest first. */
        public boolean forwards;
        /** {@code --ahz}: accepted; like lastcomm, v3 records are always read at their own AHZ of 100. */
        public int ahz = 100;
    }

    /** AHZ of struct acct_v3 times on Linux (include/uapi/linux/acct.h). */
    private static final int V3_AHZ = 100;

    private final Options opt;
    private final ZoneId zone;
    private final Passwd passwd;
    private final DeviceNames devices;
    private final OutputStream out;

    /**
     * @param passwd  for user names (getpwuid); unknown uids print as numbers
     * @param devices for terminal names
     */
    public Lastcomm(Options opt, ZoneId zone, Passwd passwd, DeviceNames devices, OutputStream out) {
        this.opt = opt;
        this.zone = zone;
        this.passwd = passwd;
        this.devices = devices;
        this.out = out;
    }

    /** Prints a file's records. */
    public void list(List<AcctRecord> records) throws IOException {
        int n = records.size();
        for (int k = 0; k < n; k++) {
            AcctRecord r = records.get(opt.forwards ? k : n - 1 - k);
            String user = userName(r.uid());
            String tty = devices.name(r.tty());
            if (!selected(r.comm(), user, tty)) {
                continue;
            }
            StringBuilder sb = new StringBuilder(96);
            sb.append(pad(printable(r.comm()), 16)).append(' ');
            sb.append(flag(r, AcctRecord.ASU, 'S')).append(flag(r, AcctRecord.AFORK, 'F'))
                    .append(flag(r, AcctRecord.ACOMPAT, 'C')).append(flag(r, AcctRecord.ACORE, 'D'))
                    .append(flag(r, AcctRecord.AXSIG, 'X')).append(' ');
            if (opt.showPaging) {
                // as in lastcomm, the paging columns take the place of user and terminal
                sb.append(String.format(Locale.ROOT, "%6.0fmin %6.0fmaj %4.0fswp ", r.minflt(), r.majflt(),
                        r.swaps()));
            } else {
                sb.append(pad(cut(user, 8), 8)).append(' ').append(pad(cut(tty, 8), 8)).append(' ');
            }
            sb.append(String.format(Locale.ROOT, "%6.2f secs ", r.cpuSeconds(V3_AHZ)));
            sb.append(CTime.ctime(r.btime(), zone), 0, 16);
            if (opt.pid) {
                sb.append(' ').append(r.pid()).append(' ').append(r.ppid());
            }
            sb.append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private boolean selected(String comm, String user, String tty) {
        boolean any = !opt.names.isEmpty() || !opt.users.isEmpty() || !opt.ttys.isEmpty() || !opt.commands.isEmpty();
        if (!any) {
            return true;
        }
        // a positional name is a user, a terminal and a command name at once, as in lastcomm
        boolean u = opt.users.contains(user) || opt.names.contains(user);
        boolean t = opt.ttys.contains(tty) || opt.names.contains(tty);
        boolean c = opt.commands.contains(comm) || opt.names.contains(comm);
        if (opt.strict) {
            boolean anyNames = !opt.names.isEmpty();
            return (!anyNames && opt.users.isEmpty() || u) && (!anyNames && opt.ttys.isEmpty() || t)
                    && (!anyNames && opt.commands.isEmpty() || c);
        }
        return u || t || c;
    }

    private String userName(long uid) {
        for (Passwd.Entry e : passwd.entries()) {
            if (e.uid() == uid) {
                return e.name();
            }
        }
        return Long.toString(uid);
    }

    private String printable(String comm) {
        if (opt.printControls) {
            return comm;
        }
        StringBuilder sb = new StringBuilder(comm.length());
        for (int i = 0; i < comm.length(); i++) {
            char c = comm.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    private static char flag(AcctRecord r, int bit, char c) {
        return (r.flags() & bit) != 0 ? c : ' ';
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }
}

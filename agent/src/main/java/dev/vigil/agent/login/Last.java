package dev.vigil.agent.login;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * util-linux 2.38 {@code last}/{@code lastb}: reads a wtmp/btmp file newest first, pairs each login with the
 * logout that follows it on the same line, and prints one line per session, byte for byte as the real command.
 */
public final class Last {

    private final LastOptions opt;
    private final ZoneId zone;
    private final long now;
    private final SystemView system;
    private final CarefulOutput careful;
    private final OutputStream out;
    private int recsDone;

    /**
     * @param opt     the options
     * @param zone    the time zone (last uses TZ)
     * @param now     the current time in epoch seconds ("still running" sessions end now)
     * @param system  the running system, for telling live sessions from stale ones
     * @param careful how file bytes are printed
     * @param out     where the listing goes
     */
    public Last(LastOptions opt, ZoneId zone, long now, SystemView system, CarefulOutput careful, OutputStream out) {
        this.opt = opt;
        this.zone = zone;
        this.now = now;
        this.system = system;
        this.careful = careful;
        this.out = out;
    }

    /**
     * Lists one file; {@code name} is the file name printed in the trailing "wtmp begins" line. Several files
     * are listed by calling this in turn on one instance: as in last, {@code -n} counts lines over all of them.
     */
    public void list(UtmpFile file, String name) throws IOException {
        List<UtmpRecord> recs = file.records();
        long beginTime = recs.isEmpty() ? ctimeOf(file.path()) : recs.get(0).seconds();
        State st = new State(system.bootTime(), now);
        for (int i = recs.size() - 1; i >= 0 && !st.quit; i--) {
            UtmpRecord r = recs.get(i);
            if ((opt.since != 0 && r.seconds() < opt.since) || (opt.until != 0 && opt.until < r.seconds())) {
                continue;
            }
            Entry ut = new Entry(r);
            if (opt.lastb) {
                st.quit = print(ut, ut.sec, LastLine.R_NORMAL);
                continue;
            }
            normalizeType(ut);
            step(st, ut);
        }
        if (opt.timeFormat != LastOptions.TimeFormat.NOTIME) {
            String begins = "\n" + name + " begins " + LastLine.loginTime(opt.timeFormat, beginTime, zone) + "\n";
            out.write(begins.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /** last's fix-ups of ut_type: "~" records by user name, and records of programs that fill it in wrongly. */
    private static void normalizeType(Entry ut) {
        if (ut.line.startsWith("~")) {
            if (ut.user.startsWith("shutdown")) {
                ut.type = UtmpType.SHUTDOWN_TIME;
            } else if (ut.user.startsWith("reboot")) {
                ut.type = UtmpType.BOOT_TIME;
            } else if (ut.user.startsWith("runlevel")) {
                ut.type = UtmpType.RUN_LVL;
            }
            return;
        }
        if (ut.type != UtmpType.DEAD_PROCESS && !ut.user.isEmpty() && !ut.line.isEmpty()
                && !ut.user.startsWith("LOGIN")) {
            ut.type = UtmpType.USER_PROCESS;
        }
        if (ut.user.isEmpty()) {
            ut.type = UtmpType.DEAD_PROCESS;
        }
        if (ut.user.startsWith("date")) {
            if (ut.line.startsWith("|")) {
                ut.type = UtmpType.OLD_TIME;
            }
            if (ut.line.startsWith("{")) {
                ut.type = UtmpType.NEW_TIME;
            }
        }
    }

    /** One record, newest first: print what it closes or opens and update the boot/shutdown state. */
    private void step(State st, Entry ut) throws IOException {
        switch (ut.type) {
            case UtmpType.SHUTDOWN_TIME -> {
                if (opt.extended) {
                    ut.line = "system down";
                    st.quit = print(ut, st.lastBoot, LastLine.R_NORMAL);
                }
                st.lastDown = st.lastRch = ut.sec;
                st.down = true;
            }
            case UtmpType.OLD_TIME, UtmpType.NEW_TIME -> {
                if (opt.extended) {
                    ut.line = ut.type == UtmpType.NEW_TIME ? "new time" : "old time";
                    st.quit = print(ut, st.lastDown, LastLine.R_TIMECHANGE);
                }
            }
            case UtmpType.BOOT_TIME -> {
                ut.line = "system boot";
                st.quit = print(ut, st.lastDown, LastLine.R_REBOOT);
                st.lastBoot = ut.sec;
                st.down = true;
            }
            case UtmpType.RUN_LVL -> runLevel(st, ut);
            case UtmpType.USER_PROCESS -> {
                login(st, ut);
                remember(st, ut);
            }
            case UtmpType.DEAD_PROCESS -> remember(st, ut);
            case UtmpType.EMPTY, UtmpType.INIT_PROCESS, UtmpType.LOGIN_PROCESS, UtmpType.ACCOUNTING -> {
            }
            default -> System.err.println("last: unrecognized ut_type: " + ut.type);
        }
        if (st.down) {
            // a boot or shutdown ends every session before it
            st.lastBoot = ut.sec;
            st.whyDown = ut.type == UtmpType.SHUTDOWN_TIME ? LastLine.R_DOWN : LastLine.R_CRASH;
            st.ulist.clear();
            st.down = false;
        }
    }

    private void runLevel(State st, Entry ut) throws IOException {
        int x = ut.pid & 255;
        if (opt.extended) {
            // snprintf "(to lvl %c)": a NUL level ends the C string there
            ut.line = x == 0 ? "(to lvl " : "(to lvl " + (char) x + ")";
            st.quit = print(ut, st.lastRch, LastLine.R_NORMAL);
        }
        if (x == '0' || x == '6') {
            st.lastDown = ut.sec;
            st.down = true;
            ut.type = UtmpType.SHUTDOWN_TIME;
        }
        st.lastRch = ut.sec;
    }

    /** A login: shown with the first later logout on its line, or as crashed, down, still in or gone. */
    private void login(State st, Entry ut) throws IOException {
        boolean shown = false;
        for (int k = st.ulist.size() - 1; k >= 0; k--) {
            Entry p = st.ulist.get(k);
            if (p.line.equals(ut.line)) {
                if (!shown) {
                    st.quit = print(ut, p.sec, LastLine.R_NORMAL);
                    shown = true;
                }
                st.ulist.remove(k);
            }
        }
        if (!shown) {
            int c;
            if (st.lastBoot == 0) {
                c = isPhantom(ut, st.bootTime) ? LastLine.R_PHANTOM : LastLine.R_NOW;
            } else {
                c = st.whyDown;
            }
            st.quit = print(ut, st.lastBoot, c);
        }
    }

    private static void remember(State st, Entry ut) {
        if (!ut.line.isEmpty()) {
            st.ulist.add(ut);
        }
    }

    private boolean print(Entry ut, long logoutTime, int what) throws IOException {
        String line = ut.line;
        if (line.startsWith("ftp") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
            line = line.substring(0, 3);
        }
        if (line.startsWith("uucp") && line.length() > 4 && Character.isDigit(line.charAt(4))) {
            line = line.substring(0, 4);
        }
        if (!opt.show.isEmpty()) {
            boolean match = false;
            for (String s : opt.show) {
                if (ut.user.equals(s) || line.equals(s) || (line.startsWith("tty") && line.substring(3).equals(s))) {
                    match = true;
                    break;
                }
            }
            if (!match) {
                return false;
            }
        }
        if (opt.present != 0) {
            if (opt.present < ut.sec) {
                return false;
            }
            if (0 < logoutTime && logoutTime < opt.present) {
                return false;
            }
        }
        String host = ut.host;
        if (opt.useIp) {
            host = Addresses.numeric(ut.addr);
        }
        String text = LastLine.format(opt, ut.user, line, host, ut.sec, logoutTime, now, what, zone);
        out.write(careful.render(text));
        recsDone++;
        return opt.maxRecords > 0 && opt.maxRecords <= recsDone;
    }

    private boolean isPhantom(Entry ut, long bootTime) {
        if (ut.sec < bootTime) {
            return true;
        }
        OptionalInt uid = system.uidOf(ut.user);
        if (uid.isEmpty()) {
            return true;
        }
        OptionalLong loginUid = system.loginUid(ut.pid);
        if (loginUid.isPresent()) {
            return uid.getAsInt() != loginUid.getAsLong();
        }
        OptionalInt owner = system.deviceOwner(ut.line);
        return owner.isEmpty() || owner.getAsInt() != uid.getAsInt();
    }

    private static long ctimeOf(Path p) {
        try {
            Object t = Files.getAttribute(p, "unix:ctime");
            return ((java.nio.file.attribute.FileTime) t).toInstant().getEpochSecond();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** What last keeps while it walks one file backwards. */
    private static final class State {
        final long bootTime;
        final List<Entry> ulist = new ArrayList<>();
        long lastBoot;
        long lastRch;
        long lastDown;
        int whyDown;
        boolean quit;
        boolean down;

        State(long bootTime, long now) {
            this.bootTime = bootTime;
            this.lastRch = now;
            this.lastDown = now;
        }
    }

    /** The mutable copy of a record that last's algorithm rewrites (type, line). */
    private static final class Entry {
        int type;
        final int pid;
        String line;
        final String user;
        final String host;
        final long sec;
        final byte[] addr;

        Entry(UtmpRecord r) {
            type = r.type();
            pid = r.pid();
            line = r.line();
            user = r.user();
            host = r.host();
            sec = r.seconds();
            addr = r.addrV6();
        }
    }
}

package dev.vigil.agent.login;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** shadow 4.13 {@code lastlog}: one line per account of the password database, in its order. */
public final class Lastlog {
    /** ll_host's column: an IPv6 link-local address, '%' and an interface name (25 + 1 + IFNAMSIZ). */
    private static final int HOST_WIDTH = 25 + 1 + 16;

    /** The options of lastlog that select lines. */
    public static final class Options {
        /** {@code -u}: lowest uid shown, or -1. */
        public long uidMin = -1;
        /** {@code -u}: highest uid shown, or -1. */
        public long uidMax = -1;
        /** {@code -t DAYS} in seconds, or -1: only records more recent. */
        public long recentSeconds = -1;
        /** {@code -b DAYS} in seconds, or -1: only records older. */
        public long olderSeconds = -1;
        /** LASTLOG_UID_MAX from login.defs: accounts above it are skipped unless -u is given. */
        public long uidLimit = 0xFFFFFFFFL;

        /**
         * {@code -u}: a login name, a uid, or a range "A-B", "A-", "-B" (shadow's getrange).
         *
         * @return false when it is none of these ("Unknown user or range")
         */
        public boolean selectUser(String user, Passwd pw) {
            var uid = pw.uidOf(user);
            if (uid.isPresent()) {
                uidMin = uidMax = Integer.toUnsignedLong(uid.getAsInt());
                return true;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d*)(-?)(\\d*)").matcher(user);
            if (!m.matches() || (m.group(1).isEmpty() && m.group(3).isEmpty())
                    || (m.group(2).isEmpty() && !m.group(3).isEmpty())) {
                return false;
            }
            try {
                if (m.group(2).isEmpty()) {
                    uidMin = uidMax = Long.parseLong(m.group(1));
                } else {
                    uidMin = m.group(1).isEmpty() ? -1 : Long.parseLong(m.group(1));
                    uidMax = m.group(3).isEmpty() ? -1 : Long.parseLong(m.group(3));
                }
            } catch (NumberFormatException e) {
                return false;
            }
            return true;
        }
    }

    private final Options opt;
    private final ZoneId zone;
    private final long now;
    private final OutputStream out;
    private boolean headerDone;

    /** @param now the current time in epoch seconds, for -t and -b */
    public Lastlog(Options opt, ZoneId zone, long now, OutputStream out) {
        this.opt = opt;
        this.zone = zone;
        this.now = now;
        this.out = out;
    }

    /** Prints the listing for these accounts. */
    public void list(Passwd passwd, LastlogFile file) throws IOException {
        boolean u = opt.uidMin >= 0 || opt.uidMax >= 0;
        if (u && opt.uidMin >= 0 && opt.uidMin == opt.uidMax) {
            for (Passwd.Entry e : passwd.entries()) {
                if (e.uid() == opt.uidMin) {
                    print(e, file);
                    break;
                }
            }
            return;
        }
        for (Passwd.Entry e : passwd.entries()) {
            if (u && ((opt.uidMin >= 0 && e.uid() < opt.uidMin) || (opt.uidMax >= 0 && e.uid() > opt.uidMax))) {
                continue;
            }
            if (!u && e.uid() > opt.uidLimit) {
                continue;
            }
            print(e, file);
        }
    }

    /** LASTLOG_UID_MAX from a login.defs file, or 0xFFFFFFFF when the file or the setting is missing. */
    public static long uidLimit(java.nio.file.Path loginDefs) {
        try {
            for (String l : java.nio.file.Files.readAllLines(loginDefs, StandardCharsets.ISO_8859_1)) {
                String[] f = l.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("LASTLOG_UID_MAX")) {
                    return Long.decode(f[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // shadow's getdef falls back to the default the same way
        }
        return 0xFFFFFFFFL;
    }

    private void print(Passwd.Entry e, LastlogFile file) throws IOException {
        LastlogRecord r = file.record(e.uid());
        if (opt.recentSeconds >= 0 && now - r.time() > opt.recentSeconds) {
            return;
        }
        if (opt.olderSeconds >= 0 && now - r.time() < opt.olderSeconds) {
            return;
        }
        if (!headerDone) {
            // shadow 4.13 pads the header one column past the data
            write("Username         Port     From" + " ".repeat(HOST_WIDTH - 3) + "Latest\n");
            headerDone = true;
        }
        String when = r.time() == 0 ? "**Never logged in**" : CTime.lastlog(r.time(), zone);
        String line = r.line().length() > 8 ? r.line().substring(0, 8) : r.line();
        write(pad(e.name(), 16) + " " + pad(line, 8) + " " + pad(r.host(), HOST_WIDTH) + when + "\n");
    }

    private void write(String byteString) throws IOException {
        out.write(byteString.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }
}

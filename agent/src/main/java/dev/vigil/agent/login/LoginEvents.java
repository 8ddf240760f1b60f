package dev.vigil.agent.login;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns utmp-family records into {@link LoginEvent}s, in file order. */
public final class LoginEvents {
    private LoginEvents() {
    }

    /** Events from wtmp or utmp records: logins, logouts (the user taken from the login when blank), boots... */
    public static List<LoginEvent> fromWtmp(List<UtmpRecord> records, String source) {
        List<LoginEvent> out = new ArrayList<>();
        Map<String, String> userOnLine = new HashMap<>();
        for (UtmpRecord r : records) {
            String user = UtmpRecord.text(r.user());
            String line = UtmpRecord.text(r.line());
            LoginEvent.Kind kind = kindOf(r);
            if (kind == null) {
                continue;
            }
            if (kind == LoginEvent.Kind.LOGIN) {
                userOnLine.put(line, user);
            } else if (kind == LoginEvent.Kind.LOGOUT) {
                String who = userOnLine.remove(line);
                if (user.isEmpty() && who != null) {
                    user = who;
                }
            } else if (kind == LoginEvent.Kind.BOOT || kind == LoginEvent.Kind.SHUTDOWN) {
                userOnLine.clear();
            }
            out.add(event(kind, r, user, line, source));
        }
        return out;
    }

    /** Events from btmp records: every record is a failed login. */
    public static List<LoginEvent> fromBtmp(List<UtmpRecord> records, String source) {
        List<LoginEvent> out = new ArrayList<>(records.size());
        for (UtmpRecord r : records) {
            out.add(event(LoginEvent.Kind.FAILED_LOGIN, r, UtmpRecord.text(r.user()), UtmpRecord.text(r.line()),
                    source));
        }
        return out;
    }

    /**
     * Events for the accounts of a password file from a lastlog file, reading only their records (a lastlog
     * file can be terabytes of holes when a uid near 2^32 has logged in).
     */
    public static List<LoginEvent> fromLastlog(LastlogFile file, Passwd passwd, String source)
            throws java.io.IOException {
        List<LastlogRecord> records = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Passwd.Entry e : passwd.entries()) {
            if (seen.add(e.uid())) {
                records.add(file.record(e.uid()));
            }
        }
        return fromLastlog(records, passwd, source);
    }

    /** Events from lastlog records that say someone logged in; the user name comes from the passwd file. */
    public static List<LoginEvent> fromLastlog(List<LastlogRecord> records, Passwd passwd, String source) {
        List<LoginEvent> out = new ArrayList<>(records.size());
        for (LastlogRecord r : records) {
            if (r.time() == 0) {
                continue;
            }
            String user = Long.toString(r.uid());
            for (Passwd.Entry e : passwd.entries()) {
                if (e.uid() == r.uid()) {
                    user = UtmpRecord.text(e.name());
                    break;
                }
            }
            String host = UtmpRecord.text(r.host());
            out.add(new LoginEvent(LoginEvent.Kind.LAST_LOGIN, java.time.Instant.ofEpochSecond(r.time()), user,
                    UtmpRecord.text(r.line()), host, "", 0, source));
        }
        return out;
    }

    private static LoginEvent event(LoginEvent.Kind kind, UtmpRecord r, String user, String line, String source) {
        String address = Addresses.isEmpty(r.addrV6()) ? "" : Addresses.numeric(r.addrV6());
        return new LoginEvent(kind, r.time(), user, line, UtmpRecord.text(r.host()), address, r.pid(), source);
    }

    /** The kind of a record by the rules last(1) applies, or null for records that say nothing. */
    public static LoginEvent.Kind kindOf(UtmpRecord r) {
        if (r.line().startsWith("~")) {
            if (r.user().startsWith("shutdown")) {
                return LoginEvent.Kind.SHUTDOWN;
            }
            if (r.user().startsWith("reboot") || r.type() == UtmpType.BOOT_TIME) {
                return LoginEvent.Kind.BOOT;
            }
            if (r.user().startsWith("runlevel") || r.type() == UtmpType.RUN_LVL) {
                int level = r.pid() & 255;
                return level == '0' || level == '6' ? LoginEvent.Kind.SHUTDOWN : LoginEvent.Kind.RUNLEVEL;
            }
        }
        return switch (r.type()) {
            case UtmpType.BOOT_TIME -> LoginEvent.Kind.BOOT;
            case UtmpType.NEW_TIME, UtmpType.OLD_TIME -> LoginEvent.Kind.TIME_CHANGE;
            case UtmpType.USER_PROCESS -> r.user().isEmpty() ? LoginEvent.Kind.LOGOUT : LoginEvent.Kind.LOGIN;
            case UtmpType.DEAD_PROCESS -> r.line().isEmpty() ? null : LoginEvent.Kind.LOGOUT;
            default -> null;
        };
    }
}

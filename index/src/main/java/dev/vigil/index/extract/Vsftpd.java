package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vsftpd's own log ({@code vsftpd}: {@code [pid N] [user] OK LOGIN: Client "1.2.3.4"}) and the wu-ftpd
 * compatible transfer log ({@code xferlog}, field names from xferlog(5)).
 */
final class Vsftpd {
    private static final Pattern CTIME = Pattern.compile("^\\w{3} (\\w{3}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4}) ");
    private static final Pattern LINE = Pattern.compile(
            "\\[pid (\\d+)\\] (?:\\[([^\\]]*)\\] )?(?:(OK|FAIL) )?([A-Z ]+?): Client \"(?:::ffff:)?([^\"]*)\"(.*)$");
    private static final Pattern TRANSFER = Pattern.compile("^, \"(.*)\", (\\d+) bytes, ([\\d.]+\\S*)");
    private static final String[] XFER = {"transfer_time", "remote_host", "file_size", "filename", "transfer_type",
        "special_action_flag", "direction", "access_mode", "username", "service_name", "authentication_method",
        "authenticated_user_id", "completion_status"};

    private Vsftpd() {
    }

    /** Cheap test for a ctime() timestamp ("Mon Oct 16 14:11:22 2023") before any regular expression runs. */
    private static boolean ctimeStart(String s) {
        return s.length() > 25 && s.charAt(3) == ' ' && s.charAt(7) == ' ' && s.charAt(13) == ':'
                && Times.month(s, 4) > 0;
    }

    static boolean isVsftpd(String s) {
        if (!ctimeStart(s)) {
            return false;
        }
        Matcher t = CTIME.matcher(s);
        return t.lookingAt() && s.startsWith("[pid ", t.end());
    }

    static boolean isXferlog(String s) {
        if (!ctimeStart(s)) {
            return false;
        }
        Matcher t = CTIME.matcher(s);
        if (!t.lookingAt()) {
            return false;
        }
        String[] rest = s.substring(t.end()).split(" ");
        return rest.length >= 13 && Times.digits(rest[0], 0, rest[0].length()) >= 0
                && (s.endsWith(" c") || s.endsWith(" i"));
    }

    /** vsftpd.log, or the message part of a syslog line from vsftpd. */
    static Instant vsftpd(String s, Map<String, Object> f) {
        Instant time = null;
        Matcher t = CTIME.matcher(s);
        int from = 0;
        if (t.lookingAt()) {
            time = ctime(t);
            from = t.end();
        }
        Matcher m = LINE.matcher(s);
        if (m.find(from)) {
            f.put("pid", m.group(1));
            if (m.group(2) != null) {
                f.put("user", m.group(2));
            }
            if (m.group(3) != null) {
                f.put("status", m.group(3));
                f.put("action", m.group(3).equals("OK") ? "success" : "failure");
            }
            f.put("command", m.group(4).trim());
            f.put("src", m.group(5));
            Matcher x = TRANSFER.matcher(m.group(6));
            if (x.lookingAt()) {
                f.put("file", x.group(1));
                f.put("bytes", x.group(2));
                f.put("transfer_rate", x.group(3));
            }
        }
        return time;
    }

    /** xferlog(5): current-time transfer-time remote-host file-size filename … completion-status. */
    static Instant xferlog(String s, Map<String, Object> f) {
        Matcher t = CTIME.matcher(s);
        if (!t.lookingAt()) {
            return null;
        }
        String[] p = s.substring(t.end()).split(" ");
        if (p.length < 13) {
            return ctime(t);
        }
        // the file name may hold spaces: three fields before it, nine after it
        String filename = String.join(" ", java.util.Arrays.copyOfRange(p, 3, p.length - 9));
        String[] v = new String[13];
        System.arraycopy(p, 0, v, 0, 3);
        v[3] = filename;
        System.arraycopy(p, p.length - 9, v, 4, 9);
        for (int i = 0; i < XFER.length; i++) {
            f.put(XFER[i], v[i]);
        }
        f.put("src", v[1]);
        f.put("user", v[8]);
        f.put("bytes", v[2]);
        f.put("file", v[3]);
        return ctime(t);
    }

    private static Instant ctime(Matcher t) {
        return Times.local(Integer.parseInt(t.group(6)), Times.month(t.group(1), 0), Integer.parseInt(t.group(2)),
                Integer.parseInt(t.group(3)), Integer.parseInt(t.group(4)), Math.min(59, Integer.parseInt(t.group(5))), 0);
    }
}

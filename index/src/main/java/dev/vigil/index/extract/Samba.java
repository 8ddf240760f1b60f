package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samba's log files ({@code samba}: log.smbd, log.&lt;machine&gt;) — a header line
 * {@code [2023/10/11 22:14:15.123456,  3] ../source3/smbd/service.c:1195(make_connection_snum)} and the
 * message on the next lines — and vfs_full_audit lines ({@code user|ip|machine|share|op|ok|args}) sent to syslog.
 * Fields: log_level, source_file, source_line, function, pid, src, user, uid, gid, service, status, action, file.
 */
final class Samba {
    private static final Pattern HEAD = Pattern.compile(
            "^\\[(\\d{4})/(\\d{2})/(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?,\\s*(\\d+)(?:, pid=(\\d+))?[^\\]]*\\]"
                    + "(?: ([^:\\s]+):(\\d+)\\(([^)]*)\\))?");
    private static final Pattern CONNECT = Pattern.compile(
            "\\(ipv[46]:(.+?):(\\d+)\\) (connect to|closed connection to) service (\\S+)(?: initially as user (\\S+)"
                    + " \\(uid=(\\d+), gid=(\\d+)\\))?(?: \\(pid (\\d+)\\))?");
    private static final Pattern AUTH = Pattern.compile(
            "Auth: \\[[^\\]]*\\] user \\[([^\\]]*)\\]\\\\\\[([^\\]]*)\\].*? with \\[([^\\]]*)\\] status \\[([^\\]]*)\\]"
                    + ".*?remote host \\[ipv[46]:(.+?):(\\d+)\\]");
    private static final Pattern AUDIT = Pattern.compile("^(?:smbd_audit: )?([^|\\s]*)\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|(\\w+)\\|(ok|fail[^|]*)\\|(.*)$");

    private Samba() {
    }

    static boolean looksLike(String s) {
        return s.startsWith("[") && s.length() > 21 && s.charAt(5) == '/' && HEAD.matcher(s).lookingAt();
    }

    static Instant extract(String s, Map<String, Object> f) {
        Instant time = null;
        Matcher h = HEAD.matcher(s);
        if (h.lookingAt()) {
            int nanos = h.group(7) == null ? 0 : Integer.parseInt((h.group(7) + "000000000").substring(0, 9));
            time = Times.local(Integer.parseInt(h.group(1)), Integer.parseInt(h.group(2)), Integer.parseInt(h.group(3)),
                    Integer.parseInt(h.group(4)), Integer.parseInt(h.group(5)), Math.min(59, Integer.parseInt(h.group(6))),
                    nanos);
            f.put("log_level", h.group(8));
            if (h.group(9) != null) {
                f.put("pid", h.group(9));
            }
            if (h.group(10) != null) {
                f.put("source_file", h.group(10));
                f.put("source_line", h.group(11));
                f.put("function", h.group(12));
            }
        }
        Matcher c = CONNECT.matcher(s);
        if (c.find()) {
            f.put("src", c.group(1));
            f.put("src_port", c.group(2));
            f.put("action", c.group(3).startsWith("connect") ? "connect" : "disconnect");
            f.put("service", c.group(4));
            if (c.group(5) != null) {
                f.put("user", c.group(5));
                f.put("uid", c.group(6));
                f.put("gid", c.group(7));
            }
            if (c.group(8) != null) {
                f.put("pid", c.group(8));
            }
        }
        Matcher a = AUTH.matcher(s);
        if (a.find()) {
            if (!a.group(1).isEmpty()) {
                f.put("domain", a.group(1));
            }
            f.put("user", a.group(2));
            f.put("authentication_method", a.group(3));
            f.put("status", a.group(4));
            f.put("action", a.group(4).equals("NT_STATUS_OK") ? "success" : "failure");
            f.put("src", a.group(5));
            f.put("src_port", a.group(6));
        }
        return time;
    }

    /** A vfs_full_audit message (default prefix {@code %u|%I|%m|%S}): user|ip|machine|share|operation|status|args. */
    static boolean audit(String msg, Map<String, Object> f) {
        Matcher m = AUDIT.matcher(msg);
        if (!m.matches()) {
            return false;
        }
        f.put("user", m.group(1));
        f.put("src", m.group(2));
        f.put("machine", m.group(3));
        f.put("service", m.group(4));
        f.put("operation", m.group(5));
        f.put("status", m.group(6));
        f.put("action", m.group(6).equals("ok") ? "success" : "failure");
        if (!m.group(7).isEmpty()) {
            f.put("file", m.group(7));
        }
        return true;
    }
}

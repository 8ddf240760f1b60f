package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache's error log ({@code apache_error}), 2.2 and 2.4 formats:
 * {@code [Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328] [client 1.2.3.4:5678] AH00123: text}.
 * Fields: log_level (and severity), module, pid, tid, clientip (and c-ip, src), client_port,
 * error_code, message.
 */
final class ApacheError {
    private static final Pattern HEAD = Pattern.compile(
            "^\\[(\\w{3} (\\w{3}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))? (\\d{4}))\\] \\[(?:(\\w+):)?(\\w+)\\]");
    private static final Pattern PID = Pattern.compile("\\G \\[pid (\\d+)(?::tid (\\d+))?\\]");
    private static final Pattern CLIENT = Pattern.compile("\\G \\[client ([^\\]\\s]+?)(?::(\\d+))?\\]");
    private static final Pattern CODE = Pattern.compile("\\G (AH\\d{5}): ");

    private ApacheError() {
    }

    static boolean looksLike(String s) {
        return s.startsWith("[") && HEAD.matcher(s).lookingAt();
    }

    static Instant extract(String s, Map<String, Object> f) {
        Matcher m = HEAD.matcher(s);
        if (!m.lookingAt()) {
            return null;
        }
        if (m.group(9) != null) {
            f.put("module", m.group(9));
        }
        f.put("log_level", m.group(10));
        f.put("severity", m.group(10));
        int pos = m.end();
        Matcher p = PID.matcher(s);
        if (p.find(pos) && p.start() == pos) {
            f.put("pid", p.group(1));
            if (p.group(2) != null) {
                f.put("tid", p.group(2));
            }
            pos = p.end();
        }
        Matcher c = CLIENT.matcher(s);
        if (c.find(pos) && c.start() == pos) {
            f.put("clientip", c.group(1));
            f.put("c-ip", c.group(1));
            f.put("src", c.group(1));
            if (c.group(2) != null) {
                f.put("client_port", c.group(2));
            }
            pos = c.end();
        }
        Matcher code = CODE.matcher(s);
        if (code.find(pos) && code.start() == pos) {
            f.put("error_code", code.group(1));
            pos = code.end();
        }
        String msg = s.substring(Math.min(pos, s.length())).strip();
        if (!msg.isEmpty()) {
            f.put("message", msg);
        }
        int month = Times.month(m.group(2), 0);
        int nanos = 0;
        if (m.group(7) != null) {
            String frac = (m.group(7) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(frac);
        }
        return Times.local(Integer.parseInt(m.group(8)), month, Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Math.min(59, Integer.parseInt(m.group(6))), nanos);
    }
}

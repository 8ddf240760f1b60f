package dev.vigil.index.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix ({@code postfix_syslog}) and Sendmail ({@code sendmail_syslog}) maillog messages: the queue id
 * ({@code qid}) and the {@code key=value, key=value} list, with from, to (multivalue), relay, status
 * (Sendmail's {@code stat} too), delay, dsn, size, nrcpt, msgid, and the client of smtpd connections.
 */
final class MailLog {
    private static final Pattern QID = Pattern.compile("^([0-9A-Za-z]{5,20}): ");
    private static final Pattern CLIENT = Pattern.compile("(?:connect from|RCPT from|client=) ?([^\\[\\s]+)\\[([^\\]]+)\\]");

    private MailLog() {
    }

    static void extract(String msg, Map<String, Object> f) {
        String body = msg;
        Matcher q = QID.matcher(msg);
        if (q.lookingAt()) {
            f.put("qid", q.group(1));
            body = msg.substring(q.end());
        } else if (msg.startsWith("NOQUEUE: ")) {
            body = msg.substring(9);
        }
        // the pattern only where one of its literal starts occurs: a scan with alternation costs more per line
        Matcher c = body.contains("connect from") || body.contains("RCPT from") || body.contains("client=")
                ? CLIENT.matcher(body) : null;
        if (c != null && c.find()) {
            f.put("client", c.group(1));
            f.put("src", c.group(2));
        }
        for (String item : splitItems(body)) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.isEmpty() || key.indexOf(' ') >= 0 || value.isEmpty()) {
                continue;
            }
            switch (key) {
                case "from":
                case "to":
                case "orig_to":
                    for (String addr : value.split(",")) {
                        Kv.put(f, key, strip(addr.trim()));
                    }
                    break;
                case "status":
                case "stat":
                    int sp = value.indexOf(' ');
                    f.put("status", sp < 0 ? value : value.substring(0, sp));
                    if (sp > 0) {
                        f.put("status_detail", unparenthesize(value.substring(sp + 1)));
                    }
                    break;
                case "message-id":
                case "msgid":
                    f.put("msgid", strip(value));
                    break;
                case "nrcpts":
                    f.put("nrcpt", value);
                    break;
                default:
                    f.putIfAbsent(key, value);
            }
        }
    }

    /** Splits {@code a=1, b=<x>,<y>, c=z (text, with commas)} at top-level ", " separators. */
    private static List<String> splitItems(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '<' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '>' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0 && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                out.add(s.substring(start, i));
                start = i + 2;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /**
     * Drops a leading {@code (} and a final {@code )}, as {@code replaceAll("^\\(|\\)$", "")} does (a
     * {@code $} also matches before a line terminator ending the text), without compiling a pattern per call.
     */
    static String unparenthesize(String d) {
        int from = d.startsWith("(") ? 1 : 0;
        int n = d.length();
        int t = n; // where a final line terminator starts
        if (n >= 2 && d.charAt(n - 2) == '\r' && d.charAt(n - 1) == '\n') {
            t = n - 2;
        } else if (n >= 1 && isLineTerminator(d.charAt(n - 1))) {
            t = n - 1;
        }
        int close = -1;
        if (n >= 1 && d.charAt(n - 1) == ')') {
            close = n - 1;
        } else if (t < n && t >= 1 && d.charAt(t - 1) == ')') {
            close = t - 1;
        }
        if (close < from) {
            return d.substring(from);
        }
        return d.substring(from, close) + d.substring(close + 1);
    }

    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static String strip(String a) {
        return a.startsWith("<") && a.endsWith(">") ? a.substring(1, a.length() - 1) : a;
    }
}

package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splunk's classic (non-XML) {@code WinEventLog} rendering: a {@code MM/DD/YYYY hh:mm:ss AM} line, then
 * {@code LogName=}, {@code EventCode=}, {@code ComputerName=}, {@code SourceName=}… lines, then
 * {@code Message=} and the rendered message. The header keys stay; the message's {@code Name: value} lines
 * become fields as Splunk's Windows add-on names them (spaces as {@code _}: {@code Account_Name}, repeated
 * names multivalue; Sysmon's {@code Image:}, {@code CommandLine:}… keep their names).
 */
final class WinClassic {
    private static final Pattern FIRST = Pattern.compile(
            "(\\d{2})/(\\d{2})/(\\d{4}) (\\d{1,2}):(\\d{2}):(\\d{2}) ([AP]M)");
    private static final Pattern MESSAGE_FIELD = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9 ]{0,40}?):\\s+(\\S.*)");
    private static final String[][] NAMES = {
        {"EventCode", "EventID"}, {"LogName", "Channel"}, {"ComputerName", "Computer"}, {"SourceName", "Provider"},
    };

    private WinClassic() {
    }

    /** Whether the text opens as the classic rendering does. */
    static boolean looksLike(String t) {
        if (t.length() < 30 || t.charAt(2) != '/' || t.charAt(5) != '/' || !FIRST.matcher(t).lookingAt()) {
            return false;
        }
        int head = Math.min(t.length(), 200);
        String h = t.substring(0, head);
        return h.contains("\nLogName=") || h.contains("\nEventCode=");
    }

    /** Reads the fields; returns the event's time (the first line, in this machine's zone), or null. */
    static Instant read(String s, Map<String, Object> f) {
        String[] lines = s.split("\r?\n", -1);
        Instant time = null;
        Matcher m = FIRST.matcher(lines[0]);
        if (m.lookingAt()) {
            int h = Integer.parseInt(m.group(4)) % 12 + (m.group(7).equals("PM") ? 12 : 0);
            time = Times.local(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), h, Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), 0);
        }
        int i = 1;
        for (; i < lines.length && !lines[i].startsWith("Message="); i++) {
            int eq = lines[i].indexOf('=');
            if (eq > 0 && eq + 1 < lines[i].length()) {
                Kv.put(f, lines[i].substring(0, eq), lines[i].substring(eq + 1));
            }
        }
        if (i < lines.length) {
            StringBuilder msg = new StringBuilder(lines[i].substring("Message=".length()));
            for (int j = i + 1; j < lines.length; j++) {
                msg.append('\n').append(lines[j]);
                Matcher fm = MESSAGE_FIELD.matcher(lines[j]);
                if (fm.matches()) {
                    Kv.put(f, fm.group(1).strip().replace(' ', '_'), fm.group(2).strip());
                }
            }
            f.put("Message", msg.toString().strip());
        }
        for (String[] n : NAMES) {
            Object v = f.get(n[0]);
            if (v != null) {
                f.putIfAbsent(n[1], v);
            }
        }
        return time;
    }
}

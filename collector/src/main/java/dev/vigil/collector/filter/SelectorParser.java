package dev.vigil.collector.filter;

import java.util.Locale;
import java.util.Map;

/**
 * Compiles a traditional selector into a {@link PriorityFilter} exactly as rsyslog 8.2302's
 * {@code DecodePRIFilter} does, quirks included: {@code ,} after a priority starts a new selector,
 * {@code !} and {@code =} combine, {@code none} clears a facility, and a priority word left empty
 * (as in {@code cron.!info,!debug}) is rejected with rsyslog's message {@code unknown priority name ""}.
 */
public final class SelectorParser {
    private static final int ALL = 0xff;
    private static final int NOPRI = 0x10; // rsyslog's INTERNAL_NOPRI, i.e. "none"
    private static final Map<String, Integer> PRIORITIES = Map.ofEntries(
            Map.entry("*", ALL), Map.entry("none", NOPRI),
            Map.entry("emerg", 0), Map.entry("panic", 0), Map.entry("alert", 1), Map.entry("crit", 2),
            Map.entry("err", 3), Map.entry("error", 3), Map.entry("warning", 4), Map.entry("warn", 4),
            Map.entry("notice", 5), Map.entry("info", 6), Map.entry("debug", 7));
    /** rsyslog's syslogFacNames (value = facility code, not shifted); "mark" is valid but never matches a message. */
    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("security", 4), Map.entry("syslog", 5), Map.entry("lpr", 6),
            Map.entry("news", 7), Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10),
            Map.entry("ftp", 11), Map.entry("ntp", 12), Map.entry("mark", 25), Map.entry("invld", 24),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    private SelectorParser() {
    }

    /**
     * Parses {@code selector} (no action part).
     *
     * @throws IllegalArgumentException with rsyslog's wording, e.g. {@code unknown priority name ""}
     */
    public static PriorityFilter parse(String selector) {
        int[] mask = new int[PriorityFilter.FACILITIES];
        String line = selector;
        int p = 0;
        int n = line.length();
        while (p < n && !isBlank(line.charAt(p))) {
            // the end of this facility list: just past the first '.', or at a blank
            int q = p;
            while (q < n && !isBlank(line.charAt(q))) {
                if (line.charAt(q++) == '.') {
                    break;
                }
            }
            int b = q;
            while (q < n && "\t ,;".indexOf(line.charAt(q)) < 0) {
                q++;
            }
            String buf = line.substring(b, q);
            while (q < n && (line.charAt(q) == ',' || line.charAt(q) == ';')) {
                q++;
            }
            boolean ignore = buf.startsWith("!");
            if (ignore) {
                buf = buf.substring(1);
            }
            boolean single = buf.startsWith("=");
            int pri = decode(single ? buf.substring(1) : buf, PRIORITIES);
            if (pri < 0) {
                throw new IllegalArgumentException("unknown priority name \"" + buf + "\"");
            }
            while (p < n && "\t .;".indexOf(line.charAt(p)) < 0) {
                int s = p;
                while (p < n && "\t ,;.".indexOf(line.charAt(p)) < 0) {
                    p++;
                }
                String fac = line.substring(s, p);
                if (fac.startsWith("*")) {
                    for (int i = 0; i < mask.length; i++) {
                        mask[i] = apply(mask[i], pri, ignore, single);
                    }
                } else {
                    int f = decode(fac, FACILITIES);
                    if (f < 0) {
                        throw new IllegalArgumentException("unknown facility name \"" + fac + "\"");
                    }
                    if (f < mask.length) {
                        mask[f] = apply(mask[f], pri, ignore, single);
                    }
                }
                while (p < n && (line.charAt(p) == ',' || line.charAt(p) == ' ')) {
                    p++;
                }
            }
            p = q;
        }
        return new PriorityFilter(selector, mask);
    }

    private static int apply(int m, int pri, boolean ignore, boolean single) {
        if (pri == NOPRI) {
            return ignore ? ALL : 0;
        }
        if (single) {
            return ignore ? m & ~(1 << pri) : m | (1 << pri);
        }
        if (pri == ALL) {
            return ignore ? 0 : ALL;
        }
        int upTo = (1 << (pri + 1)) - 1;
        return ignore ? m & ~upTo : m | upTo;
    }

    /** rsyslog's decodeSyslogName: a leading digit means a number, otherwise a case-insensitive name. */
    private static int decode(String name, Map<String, Integer> table) {
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            int v = 0;
            for (int i = 0; i < name.length() && Character.isDigit(name.charAt(i)) && v < 1000; i++) {
                v = v * 10 + (name.charAt(i) - '0');
            }
            return table == PRIORITIES ? (v > 7 ? -1 : v) : (v >> 3 < PriorityFilter.FACILITIES ? v >> 3 : -1);
        }
        Integer v = table.get(name.toLowerCase(Locale.ROOT));
        return v == null ? -1 : v;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}

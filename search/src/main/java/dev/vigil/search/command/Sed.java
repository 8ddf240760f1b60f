package dev.vigil.search.command;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.search.expr.Regexes;

/** rex mode=sed expressions: {@code s/regex/replacement/flags} (g or an occurrence number) and {@code y/from/to/}. */
final class Sed {
    private final boolean translit;
    private final Pattern pattern;
    private final String replacement;
    private final boolean global;
    private final int occurrence;
    private final String from, to;

    private Sed(boolean translit, Pattern pattern, String replacement, boolean global, int occurrence, String from, String to) {
        this.translit = translit;
        this.pattern = pattern;
        this.replacement = replacement;
        this.global = global;
        this.occurrence = occurrence;
        this.from = from;
        this.to = to;
    }

    static Sed parse(String expr) {
        if (expr.length() < 4 || (expr.charAt(0) != 's' && expr.charAt(0) != 'y')) {
            throw new IllegalArgumentException("sed expression '" + expr + "': expected s/regex/replacement/[flags] or y/from/to/");
        }
        char sep = expr.charAt(1);
        String[] parts = split(expr.substring(2), sep);
        if (parts.length < 2) throw new IllegalArgumentException("sed expression '" + expr + "': expected three '" + sep + "' separators");
        if (expr.charAt(0) == 'y') {
            if (parts[0].length() != parts[1].length()) {
                throw new IllegalArgumentException("sed y/// needs equal lengths, found " + parts[0].length() + " and " + parts[1].length());
            }
            return new Sed(true, null, null, false, 0, parts[0], parts[1]);
        }
        String flags = parts.length > 2 ? parts[2] : "";
        boolean g = flags.contains("g");
        int occ = 1;
        String digits = flags.replaceAll("[^0-9]", "");
        if (!digits.isEmpty()) occ = Integer.parseInt(digits);
        String repl = parts[1].replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1").replace("&", "$0");
        return new Sed(false, Regexes.compile(parts[0]), repl, g, occ, null, null);
    }

    private static String[] split(String s, char sep) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == sep) {
                b.append(sep);
                i++;
            } else if (c == sep) {
                out.add(b.toString());
                b.setLength(0);
            } else b.append(c);
        }
        out.add(b.toString());
        return out.toArray(new String[0]);
    }

    String apply(String s) {
        if (translit) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                int k = from.indexOf(s.charAt(i));
                b.append(k >= 0 ? to.charAt(k) : s.charAt(i));
            }
            return b.toString();
        }
        Matcher m = pattern.matcher(s);
        if (global) return m.replaceAll(replacement);
        StringBuffer out = new StringBuffer();
        int n = 0;
        while (m.find()) {
            if (++n == occurrence) {
                m.appendReplacement(out, replacement);
                break;
            }
        }
        m.appendTail(out);
        return out.toString();
    }
}

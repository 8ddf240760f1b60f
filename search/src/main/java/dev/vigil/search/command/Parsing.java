package dev.vigil.search.command;

import dev.vigil.search.parse.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Argument-parsing steps shared by the commands. */
final class Parsing {
    private Parsing() {}

    /** Field names separated by spaces or commas, up to the end of the command or a stop keyword. */
    static List<String> fields(Cursor c, Set<String> stops, String what) {
        List<String> out = new ArrayList<>();
        while (!c.atCommandEnd()) {
            if (c.eat(",")) continue;
            if (isStop(c, stops)) break;
            int p = c.pos();
            if (c.optionName() != null) {
                c.reset(p);
                break;
            }
            out.add(c.fieldName(what));
        }
        return out;
    }

    static boolean isStop(Cursor c, Set<String> stops) {
        for (String s : stops) if (c.peekKeyword(s)) return true;
        return false;
    }

    static boolean bool(Cursor c, String option) {
        int p = c.pos();
        String v = c.value("true or false for " + option).toLowerCase(Locale.ROOT);
        switch (v) {
            case "t": case "true": case "1": case "yes": return true;
            case "f": case "false": case "0": case "no": return false;
            default: throw c.errorAt(p, "expected true or false for " + option + ", found '" + v + "'");
        }
    }

    static int integer(Cursor c, String option) {
        int p = c.pos();
        String v = c.value("a number for " + option);
        try {
            int n = Integer.parseInt(v);
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw c.errorAt(p, "expected a non-negative integer for " + option + ", found '" + v + "'");
        }
    }

    static String unknownOption(String command, String name, List<String> known) {
        return "unknown option '" + name + "' for " + command + ": expected one of " + String.join(", ", known);
    }

    static String quoteIfNeeded(String s) {
        if (s == null) return "";
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch) || "\"(),|=!<>'".indexOf(ch) >= 0) {
                return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return s.isEmpty() ? "\"\"" : s;
    }

    static String join(List<String> fields) {
        List<String> q = new ArrayList<>();
        for (String f : fields) q.add(quoteIfNeeded(f));
        return String.join(", ", q);
    }
}

package dev.vigil.collector.config;

import java.util.Locale;

/**
 * Translates a legacy action ({@code -/var/log/syslog}, {@code ?DynFile;Tpl}, {@code @@(o,z9)host:514},
 * {@code :omusrmsg:root}, {@code root,gildong}, {@code *}, {@code :ompgsql:host,db,user,pw;Tpl},
 * {@code ~}) into the {@code action()} parameters rsyslog gives it.
 */
final class LegacyActions {
    /** The legacy discard action {@code ~}; the caller turns it into {@code stop}. */
    static final ActionSpec DISCARD = new ActionSpec("omdiscard", new Params(), "");

    private LegacyActions() {
    }

    /**
     * @throws IllegalArgumentException with the reason when rsyslog would reject the action, or
     *     {@link UnsupportedOperationException} naming the module when Vigil lacks it
     */
    static ActionSpec parse(String text, String location) {
        String a = text.trim();
        if (a.equals("~")) {
            return DISCARD;
        }
        Params p = new Params();
        char c = a.charAt(0);
        if (c == '/' || c == '-' && a.length() > 1 && (a.charAt(1) == '/' || a.charAt(1) == '?')) {
            boolean noSync = c == '-';
            String rest = noSync ? a.substring(1) : a;
            if (rest.startsWith("?")) {
                return file(p, rest.substring(1), true, noSync, location);
            }
            return file(p, rest, false, noSync, location);
        }
        if (c == '?') {
            return file(p, a.substring(1), true, false, location);
        }
        if (c == '@') {
            return Forwards.legacy(a, location);
        }
        if (c == '*') {
            splitTemplate(p, a);
            if (!p.get("users").equals("*")) {
                throw new IllegalArgumentException("invalid action '" + a + "'");
            }
            return new ActionSpec("omusrmsg", p, location);
        }
        if (c == '|') {
            throw new UnsupportedOperationException("named pipe action (ompipe) '" + a + "'");
        }
        if (c == '^') {
            throw new UnsupportedOperationException("program action (omprog) '" + a + "'");
        }
        if (c == '>') {
            return database("ommysql", a.substring(1), location);
        }
        if (c == ':') {
            int end = a.indexOf(':', 1);
            if (end < 0) {
                throw new IllegalArgumentException("invalid action '" + a + "': expected ':module:'");
            }
            String module = a.substring(1, end).toLowerCase(Locale.ROOT);
            String rest = a.substring(end + 1);
            switch (module) {
                case "omusrmsg":
                    splitTemplate(p, rest);
                    return new ActionSpec("omusrmsg", p, location);
                case "ompgsql": case "ommysql":
                    return database(module, rest, location);
                case "omfile":
                    return LegacyActions.parse(rest, location);
                case "omfwd":
                    return Forwards.legacy(rest, location);
                case "omdiscard":
                    return new ActionSpec("omdiscard", p, location);
                default:
                    throw new UnsupportedOperationException("output module " + module);
            }
        }
        // a list of user names
        splitTemplate(p, a);
        return new ActionSpec("omusrmsg", p, location);
    }

    private static ActionSpec file(Params p, String rest, boolean dynamic, boolean noSync, String location) {
        int end = targetEnd(rest);
        String target = rest.substring(0, end);
        if (target.isEmpty()) {
            throw new IllegalArgumentException("file action without a file name");
        }
        p.put(dynamic ? "dynafile" : "file", target);
        templateAfter(p, rest, afterTarget(rest, end));
        if (noSync) {
            p.put("x.nosync", "on");
        }
        return new ActionSpec("omfile", p, location);
    }

    private static ActionSpec database(String module, String rest, String location) {
        Params p = new Params();
        int semi = rest.indexOf(';');
        String args = semi < 0 ? rest : rest.substring(0, semi);
        templateAfter(p, rest, semi);
        String[] f = args.split(",", -1);
        if (f.length < 4) {
            throw new IllegalArgumentException(module + " needs server,database,user,password; found '" + args + "'");
        }
        p.put("server", f[0].trim()).put("db", f[1].trim()).put("uid", f[2].trim()).put("pwd", f[3].trim());
        return new ActionSpec(module, p, location);
    }

    /** Splits {@code users;template} into users and template parameters. */
    private static void splitTemplate(Params p, String a) {
        int semi = a.indexOf(';');
        String users = (semi < 0 ? a : a.substring(0, semi)).trim();
        int blank = indexOfBlank(users);
        p.put("users", blank < 0 ? users : users.substring(0, blank));
        templateAfter(p, a, semi);
    }

    /** Where the target (file name, host) of a legacy action ends: at a blank or ';'. */
    static int targetEnd(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    /**
     * The offset of the ';' that starts the template after a target ending at {@code end}, or -1 when
     * only blanks or a comment follow; anything else is rsyslog's "invalid character in selector line".
     */
    static int afterTarget(String s, int end) {
        int i = end;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) == '#') {
            return -1;
        }
        if (s.charAt(i) == ';') {
            return i;
        }
        throw new IllegalArgumentException("invalid character in selector line - ';template' expected");
    }

    /** The template name after ';' up to the first blank (rsyslog ignores what follows it). */
    static void templateAfter(Params p, String text, int semi) {
        if (semi < 0) {
            return;
        }
        String t = text.substring(semi + 1).trim();
        int blank = indexOfBlank(t);
        if (blank >= 0) {
            t = t.substring(0, blank);
        }
        if (!t.isEmpty()) {
            p.put("template", t);
        }
    }

    static int indexOfBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}

package dev.vigil.collector.filter;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.collector.template.PosixRegex;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.SyslogText;
import java.util.List;
import java.util.Locale;

/** RainerScript's built-in functions that Vigil supports; {@link #create} checks names and arguments. */
final class Functions {
    private Functions() {
    }

    /** A constant argument is invalid (a regex that does not compile, a bad selector). */
    static final class InvalidArgument extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidArgument(String message) {
            super(message);
        }
    }

    /** A function call node. */
    record Call(String name, List<Expr> args, Pattern regex, PriorityFilter prifilt) implements Expr {
        @Override
        public Object eval(Event e) {
            switch (name) {
                case "re_match": return regex.matcher(Values.str(args.get(0).eval(e))).find() ? 1L : 0L;
                case "re_extract": return extract(e);
                case "tolower": return Values.ascii(Values.str(args.get(0).eval(e)), false);
                case "toupper": return Values.ascii(Values.str(args.get(0).eval(e)), true);
                // rsyslog counts bytes, not characters
                case "strlen": return (long) SyslogText.encode(Values.str(args.get(0).eval(e))).length;
                case "cstr": return Values.str(args.get(0).eval(e));
                case "cnum": return Values.num(args.get(0).eval(e));
                case "ltrim": return Values.str(args.get(0).eval(e)).stripLeading();
                case "rtrim": return Values.str(args.get(0).eval(e)).stripTrailing();
                case "prifilt": return prifilt.matches(e) ? 1L : 0L;
                case "replace":
                    return Values.str(args.get(0).eval(e)).replace(Values.str(args.get(1).eval(e)),
                            Values.str(args.get(2).eval(e)));
                case "field": return field(e);
                default: throw new IllegalStateException(name);
            }
        }

        private Object extract(Event e) {
            Matcher m = regex.matcher(Values.str(args.get(0).eval(e)));
            long nth = Values.num(args.get(2).eval(e));
            long group = Values.num(args.get(3).eval(e));
            for (long i = 0; i <= nth; i++) {
                if (!m.find()) {
                    return Values.str(args.get(4).eval(e));
                }
            }
            if (group < 0 || group > m.groupCount()) {
                return Values.str(args.get(4).eval(e));
            }
            String g = m.group((int) group);
            return g == null ? "" : g;
        }

        private Object field(Event e) {
            String s = Values.str(args.get(0).eval(e));
            Object d = args.get(1).eval(e);
            String delim = d instanceof Long l ? String.valueOf((char) l.longValue()) : Values.str(d);
            long n = Values.num(args.get(2).eval(e));
            if (delim.isEmpty() || n < 1) {
                return "***FIELD NOT FOUND***";
            }
            int from = 0;
            for (long i = 1; i < n; i++) {
                int k = s.indexOf(delim, from);
                if (k < 0) {
                    return "***FIELD NOT FOUND***";
                }
                from = k + delim.length();
            }
            int end = s.indexOf(delim, from);
            return end < 0 ? s.substring(from) : s.substring(from, end);
        }

        @Override
        public String toString() {
            return name + args;
        }
    }

    /** Builds a call, checking the function name, argument count and constant arguments. */
    static Expr create(String name, List<Expr> args) {
        String n = name.toLowerCase(Locale.ROOT);
        int want;
        switch (n) {
            case "re_match": want = 2; break;
            case "re_extract": want = 5; break;
            case "tolower": case "toupper": case "strlen": case "cstr": case "cnum": case "ltrim": case "rtrim":
            case "prifilt":
                want = 1;
                break;
            case "replace": case "field": want = 3; break;
            default: throw new IllegalArgumentException("function '" + name + "' not found");
        }
        if (args.size() != want) {
            throw new IllegalArgumentException("function '" + name + "' expects " + want + " parameters, got "
                    + args.size());
        }
        Pattern regex = null;
        PriorityFilter pf = null;
        if (n.startsWith("re_")) {
            if (!args.get(1).constant()) {
                throw new IllegalArgumentException("function '" + name + "': the regular expression must be a constant");
            }
            try {
                regex = PosixRegex.compile(Values.str(args.get(1).eval(null)), true, false);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgument(e.getMessage());
            }
        }
        if (n.equals("prifilt")) {
            if (!args.get(0).constant()) {
                throw new IllegalArgumentException("function 'prifilt': the selector must be a constant");
            }
            try {
                pf = SelectorParser.parse(Values.str(args.get(0).eval(null)));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgument(e.getMessage());
            }
        }
        return new Call(n, List.copyOf(args), regex, pf);
    }
}

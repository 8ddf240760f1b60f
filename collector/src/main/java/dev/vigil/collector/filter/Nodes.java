package dev.vigil.collector.filter;

import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.Properties;
import java.util.Arrays;

/** The node types of RainerScript expressions. */
final class Nodes {
    private Nodes() {
    }

    /** A literal string, number or array. */
    record Literal(Object value) implements Expr {
        @Override
        public Object eval(Event e) {
            return value;
        }

        @Override
        public boolean constant() {
            return true;
        }

        @Override
        public String toString() {
            if (value instanceof String s) {
                return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
            }
            return value instanceof String[] a ? Arrays.toString(a) : String.valueOf(value);
        }
    }

    /** A message property ({@code $msg}); names rsyslog does not know read as "". */
    record Property(String name, String canonical) implements Expr {
        @Override
        public Object eval(Event e) {
            return canonical == null ? "" : Properties.get(e, canonical);
        }

        @Override
        public String toString() {
            return "$" + name;
        }
    }

    /** {@code not x} and unary minus. */
    record Unary(String op, Expr x) implements Expr {
        @Override
        public Object eval(Event e) {
            Object v = x.eval(e);
            return op.equals("not") ? (Values.truth(v) ? 0L : 1L) : -Values.num(v);
        }

        @Override
        public String toString() {
            return op + " " + x;
        }
    }

    /** Binary operators: and/or (short-circuit), comparisons, arithmetic, {@code &} concatenation. */
    record Binary(String op, Expr l, Expr r) implements Expr {
        @Override
        public Object eval(Event e) {
            switch (op) {
                case "and": return Values.truth(l.eval(e)) && Values.truth(r.eval(e)) ? 1L : 0L;
                case "or": return Values.truth(l.eval(e)) || Values.truth(r.eval(e)) ? 1L : 0L;
                case "&": return Values.str(l.eval(e)) + Values.str(r.eval(e));
                default: break;
            }
            Object a = l.eval(e);
            Object b = r.eval(e);
            switch (op) {
                case "+": return Values.num(a) + Values.num(b);
                case "-": return Values.num(a) - Values.num(b);
                case "*": return Values.num(a) * Values.num(b);
                case "/": return Values.num(b) == 0 ? 0L : Values.num(a) / Values.num(b);
                case "%": return Values.num(b) == 0 ? 0L : Values.num(a) % Values.num(b);
                default: return compare(a, b) ? 1L : 0L;
            }
        }

        private boolean compare(Object a, Object b) {
            if (b instanceof String[] arr) {
                // rsyslog: comparing with an array is true when it holds for any element
                for (String s : arr) {
                    if (compare(a, s)) {
                        return true;
                    }
                }
                return false;
            }
            switch (op) {
                case "==": return Values.compare(a, b) == 0;
                case "!=": case "<>": return Values.compare(a, b) != 0;
                case "<": return Values.compare(a, b) < 0;
                case "<=": return Values.compare(a, b) <= 0;
                case ">": return Values.compare(a, b) > 0;
                case ">=": return Values.compare(a, b) >= 0;
                case "contains": return Values.str(a).contains(Values.str(b));
                case "contains_i":
                    return Values.ascii(Values.str(a), false).contains(Values.ascii(Values.str(b), false));
                case "startswith": return Values.str(a).startsWith(Values.str(b));
                case "startswith_i": {
                    // rsyslog 8.2302 (es_strncasebufcmp) compares only as many characters as the shorter
                    // side has: "" and "sshd" both start with "SSHDX" there
                    String l = Values.str(a);
                    String s = Values.str(b);
                    return l.regionMatches(true, 0, s, 0, Math.min(l.length(), s.length()));
                }
                default: throw new IllegalStateException(op);
            }
        }

        @Override
        public String toString() {
            return "(" + l + " " + op + " " + r + ")";
        }
    }
}

package dev.vigil.search.expr;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Values;
import java.util.List;

/** Eval's operators with Splunk's typing: numeric when both sides are numeric, otherwise by string. */
final class Operators {
    private Operators() {}

    static Object unary(String op, Object v) {
        if (op.equals("NOT")) return v == null ? null : !Values.isTrue(v);
        Double d = Values.toNumber(v);
        return d == null ? null : -d;
    }

    static Object binary(String op, Expr l, Expr r, Row row, ExecContext ctx) {
        switch (op) {
            case "AND": {
                Object a = l.eval(row, ctx);
                if (!Values.isTrue(a)) return a == null ? null : false;
                Object b = r.eval(row, ctx);
                return b == null ? null : Values.isTrue(b);
            }
            case "OR": {
                Object a = l.eval(row, ctx);
                if (Values.isTrue(a)) return true;
                Object b = r.eval(row, ctx);
                if (Values.isTrue(b)) return true;
                return a == null || b == null ? null : false;
            }
            case "XOR": {
                Object a = l.eval(row, ctx), b = r.eval(row, ctx);
                return a == null || b == null ? null : Values.isTrue(a) ^ Values.isTrue(b);
            }
            default:
                return apply(op, l.eval(row, ctx), r.eval(row, ctx));
        }
    }

    static Object apply(String op, Object a, Object b) {
        switch (op) {
            case "=": case "==": return a == null || b == null ? null : anyMatch(a, b, 0);
            case "!=": return a == null || b == null ? null : !anyMatch(a, b, 0);
            case "<": return a == null || b == null ? null : anyMatch(a, b, 1);
            case "<=": return a == null || b == null ? null : anyMatch(a, b, 2);
            case ">": return a == null || b == null ? null : anyMatch(a, b, 3);
            case ">=": return a == null || b == null ? null : anyMatch(a, b, 4);
            case "LIKE": return a == null || b == null ? null : Functions.like(Values.toStr(a), Values.toStr(b));
            case ".": {
                if (a == null || b == null) return null;
                return Values.toStr(a) + Values.toStr(b);
            }
            case "+": {
                if (a == null || b == null) return null;
                Double x = Values.toNumber(a), y = Values.toNumber(b);
                if (x != null && y != null) return x + y;
                return Values.toStr(a) + Values.toStr(b);
            }
            default: {
                Double x = Values.toNumber(a), y = Values.toNumber(b);
                if (x == null || y == null) return null;
                switch (op) {
                    case "-": return x - y;
                    case "*": return x * y;
                    case "/": return y == 0 ? null : x / y;
                    case "%": return y == 0 ? null : x % y;
                    default: throw new IllegalStateException("operator " + op);
                }
            }
        }
    }

    /** A comparison on possibly multivalue operands is true when any pair satisfies it. */
    private static boolean anyMatch(Object a, Object b, int kind) {
        List<Object> as = Values.list(a), bs = Values.list(b);
        for (Object x : as) {
            for (Object y : bs) {
                int c = compare(x, y);
                boolean ok = switch (kind) {
                    case 0 -> c == 0;
                    case 1 -> c < 0;
                    case 2 -> c <= 0;
                    case 3 -> c > 0;
                    default -> c >= 0;
                };
                if (ok) return true;
            }
        }
        return false;
    }

    private static int compare(Object x, Object y) {
        if (x instanceof Boolean || y instanceof Boolean) {
            return Values.isTrue(x) == Values.isTrue(y) ? 0 : 1;
        }
        Double nx = Values.toNumber(x), ny = Values.toNumber(y);
        if (nx != null && ny != null) return Double.compare(nx, ny);
        return Values.toStr(x).compareTo(Values.toStr(y));
    }
}

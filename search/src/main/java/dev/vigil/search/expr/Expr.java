package dev.vigil.search.expr;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Values;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An eval/where expression. Immutable; {@link #toSpl} prints it back in SPL. Evaluation returns a
 * {@link Values} type or null (Splunk's null), never throws for bad data.
 */
public sealed interface Expr {
    Object eval(Row row, ExecContext ctx);

    String toSpl();

    /** A constant: string, number or boolean. */
    record Lit(Object value) implements Expr {
        public Object eval(Row row, ExecContext ctx) { return value; }
        public String toSpl() {
            return value instanceof String s ? SearchTerm.quote(s) : Values.toStr(value);
        }
    }

    /** A field reference ({@code name} or {@code 'quoted name'}). */
    record Field(String name) implements Expr {
        public Object eval(Row row, ExecContext ctx) { return row.get(name); }
        public String toSpl() {
            return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "'" + name + "'";
        }
    }

    /** {@code -x} or {@code NOT x}. */
    record Unary(String op, Expr operand) implements Expr {
        public Object eval(Row row, ExecContext ctx) { return Operators.unary(op, operand.eval(row, ctx)); }
        public String toSpl() { return op.equals("NOT") ? "NOT " + operand.toSpl() : "-" + operand.toSpl(); }
    }

    /** A binary operator; AND/OR evaluate the right side only when needed. */
    record Binary(String op, Expr left, Expr right) implements Expr {
        public Object eval(Row row, ExecContext ctx) { return Operators.binary(op, left, right, row, ctx); }
        public String toSpl() { return "(" + left.toSpl() + " " + op + " " + right.toSpl() + ")"; }
    }

    /** A function call such as {@code if(x>1, "a", "b")}. */
    record Call(String function, List<Expr> args) implements Expr {
        public Call { args = List.copyOf(args); }
        public Object eval(Row row, ExecContext ctx) { return Functions.call(function, args, row, ctx); }
        public String toSpl() {
            return function + "(" + args.stream().map(Expr::toSpl).collect(Collectors.joining(", ")) + ")";
        }
    }
}

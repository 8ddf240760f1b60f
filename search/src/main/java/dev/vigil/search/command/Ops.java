package dev.vigil.search.command;

import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Small operator building blocks for streaming commands. */
final class Ops {
    private Ops() {}

    /** Passes rows matching the predicate. */
    static Operator filter(Operator down, Predicate<Row> keep) {
        return new Operator() {
            public boolean push(Row r) { return !keep.test(r) || down.push(r); }
            public void finish() { down.finish(); }
        };
    }

    /** Transforms each row in place (or replaces it); a null result drops the row. */
    static Operator map(Operator down, UnaryOperator<Row> f) {
        return new Operator() {
            public boolean push(Row r) {
                Row out = f.apply(r);
                return out == null || down.push(out);
            }
            public void finish() { down.finish(); }
        };
    }
}

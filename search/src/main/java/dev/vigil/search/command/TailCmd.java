package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import java.util.ArrayDeque;

/** {@code tail [N]} (default 10): the last N results, in reverse order as Splunk returns them. */
public record TailCmd(long limit) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            final ArrayDeque<Row> last = new ArrayDeque<>();
            final ArrayDeque<Long> sizes = new ArrayDeque<>();
            public boolean push(Row r) {
                if (limit == 0) return true;
                long b = r.estimatedBytes();
                ctx.charge(b);
                last.addLast(r);
                sizes.addLast(b);
                if (last.size() > limit) {
                    last.removeFirst();
                    ctx.release(sizes.removeFirst());
                }
                return true;
            }
            public void finish() {
                while (!last.isEmpty()) if (!down.push(last.removeLast())) break;
                down.finish();
            }
        };
    }
    public String toSpl() { return "tail " + limit; }
}

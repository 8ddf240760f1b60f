package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;

/** {@code head [N]} (default 10): the first N results, then stops the search upstream. */
public record HeadCmd(long limit) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            long seen;
            boolean stopped;
            public boolean push(Row r) {
                if (seen >= limit || stopped) return false;
                seen++;
                if (!down.push(r)) stopped = true;
                return seen < limit && !stopped;
            }
            public void finish() { down.finish(); }
        };
    }
    public String toSpl() { return "head " + limit; }
}

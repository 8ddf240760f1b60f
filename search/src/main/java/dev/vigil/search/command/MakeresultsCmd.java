package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;

/** {@code | makeresults [count=N]}: N rows holding only {@code _time} = now. */
public record MakeresultsCmd(int count) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            public boolean push(Row r) { return true; }
            public void finish() {
                double now = ctx.now().getEpochSecond();
                for (int i = 0; i < count; i++) if (!down.push(new Row().put("_time", now))) break;
                down.finish();
            }
        };
    }
    public boolean generating() { return true; }
    public String toSpl() { return "makeresults count=" + count; }
}

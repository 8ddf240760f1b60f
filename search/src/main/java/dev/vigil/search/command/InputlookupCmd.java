package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import java.util.List;

/** {@code | inputlookup [max=N] [start=N] table}: the lookup file's rows as results, columns in file order. */
public record InputlookupCmd(String table, int start, int max) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            public boolean push(Row r) { return true; }
            public void finish() {
                CsvTable t = CsvTable.load(ctx.lookupsDir(), table);
                int n = 0;
                for (int i = start; i < t.rows.size() && (max == 0 || n < max); i++, n++) {
                    List<String> row = t.rows.get(i);
                    Row out = new Row();
                    for (int c = 0; c < t.header.size(); c++) {
                        String v = t.cell(row, c);
                        out.put(t.header.get(c), v.isEmpty() ? null : v);
                    }
                    if (!down.push(out)) break;
                }
                down.finish();
            }
        };
    }
    public boolean generating() { return true; }
    public String toSpl() {
        return "inputlookup" + (start != 0 ? " start=" + start : "") + (max != 0 ? " max=" + max : "") + " " + Parsing.quoteIfNeeded(table);
    }
}

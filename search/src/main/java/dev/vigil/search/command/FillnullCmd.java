package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code fillnull [value=0] [fields]}: sets empty fields to the value. Without a field list it fills every
 * field any result has (so it waits for all results, as Splunk's does).
 */
public record FillnullCmd(String value, List<String> fields) implements Command {
    public FillnullCmd { fields = List.copyOf(fields); }

    static FillnullCmd parse(Cursor c) {
        String value = "0";
        String opt;
        while ((opt = c.optionName()) != null) {
            if (!opt.equals("value")) throw c.errorAt(c.pos(), Parsing.unknownOption("fillnull", opt, List.of("value")));
            value = c.value("a value");
        }
        List<String> fields = Parsing.fields(c, Set.of(), "a field name");
        if (!c.atCommandEnd()) throw c.error("a field name or the end of fillnull");
        return new FillnullCmd(value, fields);
    }

    public Operator open(ExecContext ctx, Operator down) {
        Object v = dev.vigil.search.value.Values.parseNumber(value) != null ? (Object) Double.valueOf(value) : value;
        if (!fields.isEmpty()) {
            return Ops.map(down, r -> {
                for (String f : fields) if (!r.has(f) || "".equals(r.get(f))) r.put(f, v);
                return r;
            });
        }
        return new Operator() {
            final List<Row> rows = new ArrayList<>();
            final Set<String> names = new LinkedHashSet<>();

            public boolean push(Row r) {
                ctx.charge(r.estimatedBytes());
                rows.add(r);
                names.addAll(r.names());
                return true;
            }

            public void finish() {
                for (Row r : rows) {
                    for (String f : names) {
                        if (f.startsWith("_")) continue;
                        if (!r.has(f) || "".equals(r.get(f))) r.put(f, v);
                    }
                    if (!down.push(r)) break;
                }
                down.finish();
            }
        };
    }

    public String toSpl() {
        return "fillnull value=" + Parsing.quoteIfNeeded(value) + (fields.isEmpty() ? "" : " " + Parsing.join(fields));
    }
}

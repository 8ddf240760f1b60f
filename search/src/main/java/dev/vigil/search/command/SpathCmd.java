package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.value.Values;
import java.util.List;
import java.util.Map;

/** {@code spath [input=_raw] [output=f] [path=]p}: JSON/XML extraction, every field when no path is given. */
public record SpathCmd(String input, String output, String path) implements Command {
    static SpathCmd parse(Cursor c) {
        String input = "_raw", output = null, path = null;
        while (!c.atCommandEnd()) {
            int p = c.pos();
            String opt = c.optionName();
            if (opt == null) {
                if (path != null) throw c.error("the end of spath");
                path = c.value("a path");
                continue;
            }
            switch (opt) {
                case "input": input = c.value("a field"); break;
                case "output": output = c.value("a field"); break;
                case "path": path = c.value("a path"); break;
                default: throw c.errorAt(p, Parsing.unknownOption("spath", opt, List.of("input", "output", "path")));
            }
        }
        return new SpathCmd(input, output, path);
    }

    public Operator open(ExecContext ctx, Operator down) {
        return Ops.map(down, r -> {
            String text = Values.toStr(r.get(input));
            if (text == null) return r;
            if (path == null) {
                for (Map.Entry<String, Object> e : Spath.extractAll(text).entrySet()) r.put(e.getKey(), e.getValue());
            } else {
                Object v = Spath.extractPath(text, path);
                if (v != null) r.put(output == null ? path : output, v);
            }
            return r;
        });
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("spath");
        if (!input.equals("_raw")) b.append(" input=").append(Parsing.quoteIfNeeded(input));
        if (output != null) b.append(" output=").append(Parsing.quoteIfNeeded(output));
        if (path != null) b.append(" path=").append(Parsing.quoteIfNeeded(path));
        return b.toString();
    }
}

package dev.vigil.search.command;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.expr.Regexes;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rex [field=_raw] [max_match=1] [mode=sed] "regex"}: named groups become fields (max_match&gt;1 or 0 =
 * unlimited makes them multivalue); in sed mode {@code s/re/repl/[g|N]} or {@code y/abc/xyz/} rewrites the field.
 * Regexes are RE2 (linear time).
 */
public record RexCmd(String field, int maxMatch, boolean sed, String regex) implements Command {
    static RexCmd parse(Cursor c) {
        String field = "_raw";
        int maxMatch = 1;
        boolean sed = false;
        String regex = null;
        while (!c.atCommandEnd()) {
            int p = c.pos();
            String opt = c.optionName();
            if (opt != null) {
                switch (opt) {
                    case "field": field = c.value("a field name"); break;
                    case "max_match": maxMatch = Parsing.integer(c, opt); break;
                    case "mode": {
                        String m = c.value("sed");
                        if (!m.equals("sed")) throw c.errorAt(p, "expected mode=sed, found mode=" + m);
                        sed = true;
                        break;
                    }
                    case "offset_field": c.value("a field name"); break;
                    default: throw c.errorAt(p, Parsing.unknownOption("rex", opt, List.of("field", "max_match", "mode", "offset_field")));
                }
                continue;
            }
            if (regex != null) throw c.error("the end of rex after the regular expression");
            regex = c.peek() == '"' ? c.quoted() : c.value("a quoted regular expression");
        }
        if (regex == null) throw c.error("a quoted regular expression for rex");
        try {
            if (sed) Sed.parse(regex);
            else Regexes.compile(regex);
        } catch (IllegalArgumentException e) {
            throw c.errorAt(c.pos(), e.getMessage());
        }
        return new RexCmd(field, maxMatch, sed, regex);
    }

    public Operator open(ExecContext ctx, Operator down) {
        if (sed) {
            Sed s = Sed.parse(regex);
            return Ops.map(down, r -> {
                Object v = r.get(field);
                if (v == null) return r;
                List<Object> out = new ArrayList<>();
                for (String x : Values.strings(v)) out.add(s.apply(x));
                r.put(field, Values.ofList(out));
                return r;
            });
        }
        Pattern p = Regexes.compile(regex);
        List<String> names = Regexes.groupNames(regex);
        return Ops.map(down, r -> {
            String s = Values.toStr(r.get(field));
            if (s == null || names.isEmpty()) return r;
            Matcher m = p.matcher(s);
            List<List<Object>> vals = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) vals.add(new ArrayList<>());
            int found = 0;
            while ((maxMatch == 0 || found < maxMatch) && m.find()) {
                found++;
                for (int i = 0; i < names.size(); i++) {
                    String g = m.group(names.get(i));
                    if (g != null) vals.get(i).add(g);
                }
                if (m.end() == m.start() && m.end() >= s.length()) break;
            }
            for (int i = 0; i < names.size(); i++) {
                if (!vals.get(i).isEmpty()) r.put(names.get(i), Values.ofList(vals.get(i)));
            }
            return r;
        });
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("rex");
        if (!field.equals("_raw")) b.append(" field=").append(field);
        if (maxMatch != 1) b.append(" max_match=").append(maxMatch);
        if (sed) b.append(" mode=sed");
        return b.append(" \"").append(regex.replace("\\", "\\\\").replace("\"", "\\\"")).append('"').toString();
    }
}

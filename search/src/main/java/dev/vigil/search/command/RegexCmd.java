package dev.vigil.search.command;

import com.google.re2j.Pattern;
import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.expr.Regexes;
import dev.vigil.search.value.Values;

/** {@code regex [field=|field!=]"re"}: keeps rows whose field (default _raw) matches (or not), RE2 syntax. */
public record RegexCmd(String field, boolean negate, String regex) implements Command {
    public Operator open(ExecContext ctx, Operator down) {
        Pattern p = Regexes.compile(regex);
        return Ops.filter(down, r -> {
            boolean any = false;
            for (String s : Values.strings(r.get(field))) if (p.matcher(s).find()) { any = true; break; }
            return any != negate;
        });
    }
    public String toSpl() { return "regex " + field + (negate ? "!=" : "=") + Parsing.quoteIfNeeded(regex); }
}

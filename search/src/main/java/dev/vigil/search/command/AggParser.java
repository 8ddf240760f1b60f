package dev.vigil.search.command;

import dev.vigil.search.parse.Cursor;
import dev.vigil.search.parse.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses {@code fn(field) [AS name], ... [BY f1, f2]} for the statistics commands. */
final class AggParser {
    private AggParser() {}

    static List<Agg> aggs(Cursor c, String command, Set<String> stops) {
        List<Agg> out = new ArrayList<>();
        while (!c.atCommandEnd() && !Parsing.isStop(c, stops)) {
            if (c.eat(",")) continue;
            int start = c.pos();
            String fn = c.word("(),|=");
            if (fn == null) throw c.error("a statistical function such as count, avg(field)");
            String lower = fn.toLowerCase(Locale.ROOT);
            if (!Agg.isFunction(lower)) {
                String hint = DidYouMean.suggest(lower, Agg.FUNCTIONS);
                throw c.errorAt(start, "unknown statistical function '" + fn + "' in " + command
                        + (hint == null ? "" : "; did you mean '" + hint + "'?"));
            }
            String field = null;
            dev.vigil.search.expr.Expr expr = null;
            if (c.peekRaw() == '(') {
                c.eat("(");
                int at = c.pos();
                if (c.eatKeyword("eval") && c.peek() == '(') {
                    c.eat("(");
                    expr = new dev.vigil.search.parse.ExprParser(c).parse();
                    c.expect(")", "')' to close eval(");
                } else {
                    c.reset(at);
                    field = c.fieldName("a field name inside " + fn + "()");
                }
                c.expect(")", "')' after the field of " + fn + "(");
            } else if (!lower.equals("count") && !lower.equals("c")) {
                throw c.error("'(' and a field after " + fn);
            }
            String as = null;
            if (c.eatKeyword("as")) as = c.fieldName("a name after AS");
            out.add(new Agg(lower, field, as, expr));
        }
        if (out.isEmpty()) throw c.error("a statistical function such as count, avg(field)");
        return out;
    }

    static List<String> by(Cursor c) {
        if (!c.eatKeyword("by")) return List.of();
        List<String> by = Parsing.fields(c, Set.of(), "a field name after BY");
        if (by.isEmpty()) throw c.error("a field name after BY");
        return by;
    }

    static String spl(List<Agg> aggs, List<String> by) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < aggs.size(); i++) b.append(i == 0 ? "" : ", ").append(aggs.get(i).toSpl());
        if (!by.isEmpty()) b.append(" BY ").append(Parsing.join(by));
        return b.toString();
    }
}

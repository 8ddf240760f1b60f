package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.expr.Expr;
import dev.vigil.search.expr.SearchTerm;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.parse.ExprParser;
import dev.vigil.search.parse.SearchParser;
import dev.vigil.search.time.RelativeTime;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code transaction [fields] [maxspan=] [maxpause=] [maxevents=1000] [startswith=] [endswith=]
 * [keepevicted=f]}: groups events sharing the fields' values into transactions. Each result has
 * {@code _time} of its first event, {@code duration} (last minus first, seconds), {@code eventcount}, the
 * events' {@code _raw} joined by newlines in time order, and every field's distinct values (multivalue).
 * startswith/endswith take {@code "search terms"} or {@code eval(expression)}. Transactions that a
 * startswith/endswith constraint leaves incomplete are evicted (dropped unless keepevicted=t).
 */
public record TransactionCmd(List<String> fields, Double maxSpan, Double maxPause, int maxEvents, Condition startsWith,
                             Condition endsWith, boolean keepEvicted) implements Command {
    public TransactionCmd { fields = List.copyOf(fields); }

    /** A startswith/endswith test: search terms or an eval expression. */
    public record Condition(SearchTerm term, Expr expr, String spl) {
        boolean test(Row r, ExecContext ctx) {
            return term != null ? term.matches(r) : Values.isTrue(expr.eval(r, ctx));
        }
    }

    static TransactionCmd parse(Cursor c) {
        List<String> fields = new ArrayList<>();
        Double maxSpan = null, maxPause = null;
        int maxEvents = 1000;
        Condition start = null, end = null;
        boolean keepEvicted = false;
        while (!c.atCommandEnd()) {
            int p = c.pos();
            String opt = c.optionName();
            if (opt == null) {
                fields.addAll(Parsing.fields(c, Set.of(), "a field name"));
                continue;
            }
            switch (opt) {
                case "maxspan": maxSpan = duration(c, opt); break;
                case "maxpause": maxPause = duration(c, opt); break;
                case "maxevents": maxEvents = Parsing.integer(c, opt); break;
                case "startswith": start = condition(c); break;
                case "endswith": end = condition(c); break;
                case "keepevicted": keepEvicted = Parsing.bool(c, opt); break;
                case "mvlist": case "delim": case "connected": case "unifyends": case "keeporphans": case "mvraw":
                case "nullstr": c.value("a value"); break;
                default: throw c.errorAt(p, Parsing.unknownOption("transaction", opt, List.of("maxspan", "maxpause",
                        "maxevents", "startswith", "endswith", "keepevicted")));
            }
        }
        return new TransactionCmd(fields, maxSpan, maxPause, maxEvents == 0 ? Integer.MAX_VALUE : maxEvents, start, end,
                keepEvicted);
    }

    private static Double duration(Cursor c, String opt) {
        int p = c.pos();
        String v = c.value("a duration such as 30s or 5m");
        try {
            if (v.equals("-1")) return null;
            return (double) RelativeTime.spanSeconds(v);
        } catch (IllegalArgumentException e) {
            throw c.errorAt(p, "invalid " + opt + " '" + v + "': expected a number and a unit such as 30s, 5m, 1h");
        }
    }

    private static Condition condition(Cursor c) {
        c.skipWs();
        int start = c.pos();
        if (c.eatKeyword("eval") && c.peekRaw() == '(') {
            c.eat("(");
            Expr e = new ExprParser(c).parse();
            c.expect(")", "')' to close eval(");
            return new Condition(null, e, c.text().substring(start, c.pos()));
        }
        c.reset(start);
        String text;
        if (c.peekRaw() == '"') text = c.quoted();
        else if (c.peekRaw() == '(') {
            int depth = 0, p = c.pos();
            do {
                char ch = c.charAt(p);
                if (ch == 0) throw c.error("')' to close the startswith/endswith condition");
                if (ch == '(') depth++;
                if (ch == ')') depth--;
                p++;
            } while (depth > 0);
            text = c.text().substring(c.pos() + 1, p - 1);
            c.reset(p);
        } else text = c.value("a search or eval(...) condition");
        SearchTerm t = new SearchParser(new Cursor(text)).parse();
        return new Condition(t, null, c.text().substring(start, c.pos()));
    }

    public Operator open(ExecContext ctx, Operator down) {
        return new Operator() {
            final List<Row> rows = new ArrayList<>();

            public boolean push(Row r) {
                if (r.time() == null) return true;
                ctx.charge(r.estimatedBytes());
                rows.add(r);
                return true;
            }

            public void finish() {
                rows.sort(Comparator.comparingDouble(Row::time));
                List<Row> out = group(ctx);
                out.sort(Comparator.comparingDouble((Row r) -> r.time()).reversed());
                for (Row r : out) if (!down.push(r)) break;
                down.finish();
            }

            private List<Row> group(ExecContext ctx) {
                Map<List<String>, List<Row>> open = new LinkedHashMap<>();
                List<Row> done = new ArrayList<>();
                for (Row r : rows) {
                    List<String> key = new ArrayList<>();
                    boolean missing = false;
                    for (String f : fields) {
                        String v = Values.toStr(r.get(f));
                        if (v == null) missing = true;
                        key.add(v);
                    }
                    if (missing && !fields.isEmpty()) continue;
                    List<Row> cur = open.get(key);
                    double t = r.time();
                    if (cur != null) {
                        double first = cur.get(0).time(), last = cur.get(cur.size() - 1).time();
                        boolean split = (maxSpan != null && t - first > maxSpan) || (maxPause != null && t - last > maxPause)
                                || cur.size() >= maxEvents || (startsWith != null && startsWith.test(r, ctx));
                        if (split) {
                            close(cur, false, done);
                            open.remove(key);
                            cur = null;
                        }
                    }
                    if (cur == null) {
                        if (startsWith != null && !startsWith.test(r, ctx)) {
                            if (keepEvicted) done.add(build(List.of(r), false));
                            continue;
                        }
                        cur = new ArrayList<>();
                        open.put(key, cur);
                    }
                    cur.add(r);
                    if (endsWith != null && endsWith.test(r, ctx)) {
                        close(cur, true, done);
                        open.remove(key);
                    }
                }
                for (List<Row> cur : open.values()) close(cur, false, done);
                return done;
            }

            private void close(List<Row> cur, boolean ended, List<Row> done) {
                boolean complete = endsWith == null || ended;
                if (complete || keepEvicted) done.add(build(cur, complete));
            }
        };
    }

    private Row build(List<Row> events, boolean complete) {
        Row out = new Row();
        double first = events.get(0).time(), last = events.get(events.size() - 1).time();
        out.put("_time", first);
        StringBuilder raw = new StringBuilder();
        Map<String, LinkedHashSet<Object>> vals = new LinkedHashMap<>();
        for (Row e : events) {
            String r = Values.toStr(e.get("_raw"));
            if (r != null) raw.append(raw.length() == 0 ? "" : "\n").append(r);
            for (String n : e.names()) {
                if (n.equals("_time") || n.equals("_raw")) continue;
                Object v = e.get(n);
                if (v != null) vals.computeIfAbsent(n, k -> new LinkedHashSet<>()).addAll(Values.list(v));
            }
        }
        if (raw.length() > 0) out.put("_raw", raw.toString());
        vals.forEach((k, v) -> out.put(k, Values.ofList(new ArrayList<>(v))));
        out.put("duration", last - first);
        out.put("eventcount", (double) events.size());
        if (keepEvicted) out.put("closed_txn", complete ? "1" : "0");
        return out;
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("transaction");
        if (!fields.isEmpty()) b.append(' ').append(Parsing.join(fields));
        if (maxSpan != null) b.append(" maxspan=").append(Values.formatNumber(maxSpan)).append('s');
        if (maxPause != null) b.append(" maxpause=").append(Values.formatNumber(maxPause)).append('s');
        if (maxEvents != 1000) b.append(" maxevents=").append(maxEvents == Integer.MAX_VALUE ? 0 : maxEvents);
        if (startsWith != null) b.append(" startswith=").append(startsWith.spl());
        if (endsWith != null) b.append(" endswith=").append(endsWith.spl());
        if (keepEvicted) b.append(" keepevicted=t");
        return b.toString();
    }

}

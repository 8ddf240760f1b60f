package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code sort [N|limit=N] [+|-]field, num(f), str(f), ip(f), auto(f) [desc]}: stable sort keeping the first N
 * rows (default 10,000; 0 = all). auto order puts numbers (numerically) before strings (lexicographically);
 * rows lacking the field sort after the others.
 */
public record SortCmd(long limit, List<Key> keys, boolean reverse) implements Command {
    public static final long DEFAULT_LIMIT = 10_000;

    public SortCmd { keys = List.copyOf(keys); }

    /** One sort key. */
    public record Key(String field, boolean descending, String type) {
        String toSpl() {
            String f = type.equals("auto") ? Parsing.quoteIfNeeded(field) : type + "(" + field + ")";
            // a field whose name starts with a sign needs an explicit "+" to read back as ascending
            boolean signed = f.startsWith("-") || f.startsWith("+");
            return (descending ? "-" : signed ? "+" : "") + f;
        }
    }

    static SortCmd parse(Cursor c) {
        long limit = DEFAULT_LIMIT;
        int p = c.pos();
        String w = c.word(",|()=");
        if (w != null && w.chars().allMatch(Character::isDigit)) limit = Long.parseLong(w);
        else c.reset(p);
        String opt = c.optionName();
        if (opt != null) {
            if (!opt.equals("limit")) throw c.errorAt(c.pos(), Parsing.unknownOption("sort", opt, List.of("limit")));
            limit = Parsing.integer(c, opt);
        }
        List<Key> keys = new ArrayList<>();
        boolean reverse = false;
        while (!c.atCommandEnd()) {
            if (c.eat(",")) continue;
            boolean desc = false;
            if (c.eat("-")) desc = true;
            else c.eat("+");
            int at = c.pos();
            String f = c.fieldName("a field to sort by");
            String type = "auto";
            String lf = f.toLowerCase(Locale.ROOT);
            if (c.peekRaw() == '(' && List.of("num", "str", "ip", "auto").contains(lf)) {
                c.eat("(");
                type = lf;
                f = c.fieldName("a field name inside " + lf + "()");
                c.expect(")", "')'");
            }
            if (c.atCommandEnd() && !keys.isEmpty() || c.atCommandEnd() && at > 0) {
                if ((lf.equals("d") || lf.equals("desc")) && !keys.isEmpty() && type.equals("auto") && !desc) {
                    reverse = true;
                    break;
                }
            }
            keys.add(new Key(f, desc, type));
        }
        if (keys.isEmpty()) throw c.error("a field to sort by");
        return new SortCmd(limit, keys, reverse);
    }

    public Operator open(ExecContext ctx, Operator down) {
        Comparator<Row> cmp = comparator();
        return new Operator() {
            final List<Row> rows = new ArrayList<>();

            public boolean push(Row r) {
                ctx.charge(r.estimatedBytes());
                rows.add(r);
                return true;
            }

            public void finish() {
                rows.sort(cmp);
                long n = limit == 0 ? rows.size() : Math.min(limit, rows.size());
                for (int i = 0; i < n; i++) if (!down.push(rows.get(i))) break;
                down.finish();
            }
        };
    }

    Comparator<Row> comparator() {
        Comparator<Row> cmp = null;
        for (Key k : keys) {
            Comparator<Row> one = (a, b) -> {
                Object x = first(a.get(k.field)), y = first(b.get(k.field));
                if (k.type.equals("num")) {
                    x = Values.toNumber(x);
                    y = Values.toNumber(y);
                }
                // missing (or, for num(), non-numeric) values sort last in either direction
                if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
                int c = compare(k.type, x, y);
                return k.descending ^ reverse ? -c : c;
            };
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        return cmp;
    }

    private static Object first(Object v) {
        return v instanceof List<?> l ? (l.isEmpty() ? null : l.get(0)) : v;
    }

    static int compare(String type, Object x, Object y) {
        switch (type) {
            case "num": {
                Double a = Values.toNumber(x), b = Values.toNumber(y);
                if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
                return Double.compare(a, b);
            }
            case "str": return Values.toStr(x).compareTo(Values.toStr(y));
            case "ip": return compareIp(Values.toStr(x), Values.toStr(y));
            default: return Values.compare(x, y);
        }
    }

    private static int compareIp(String a, String b) {
        String[] pa = a.split("\\."), pb = b.split("\\.");
        if (pa.length == 4 && pb.length == 4) {
            for (int i = 0; i < 4; i++) {
                Double x = Values.parseNumber(pa[i]), y = Values.parseNumber(pb[i]);
                if (x == null || y == null) break;
                int c = Double.compare(x, y);
                if (c != 0) return c;
                if (i == 3) return 0;
            }
        }
        return a.compareTo(b);
    }

    public String toSpl() {
        return "sort " + limit + " " + keys.stream().map(Key::toSpl).collect(Collectors.joining(", ")) + (reverse ? " desc" : "");
    }
}

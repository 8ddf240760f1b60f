package dev.vigil.search.expr;

import com.google.re2j.Matcher;
import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Row;
import dev.vigil.search.time.RelativeTime;
import dev.vigil.search.time.TimeFormat;
import dev.vigil.search.value.Values;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splunk's eval functions. Bad input yields null (as Splunk does), never an exception. */
public final class Functions {
    /** Name to {min, max} argument count; max -1 for variadic. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("if", new int[]{3, 3}), Map.entry("case", new int[]{2, -1}),
            Map.entry("coalesce", new int[]{1, -1}), Map.entry("isnull", new int[]{1, 1}),
            Map.entry("isnotnull", new int[]{1, 1}), Map.entry("isnum", new int[]{1, 1}),
            Map.entry("isstr", new int[]{1, 1}), Map.entry("isint", new int[]{1, 1}),
            Map.entry("typeof", new int[]{1, 1}), Map.entry("null", new int[]{0, 0}),
            Map.entry("true", new int[]{0, 0}), Map.entry("false", new int[]{0, 0}),
            Map.entry("len", new int[]{1, 1}), Map.entry("lower", new int[]{1, 1}),
            Map.entry("upper", new int[]{1, 1}), Map.entry("substr", new int[]{2, 3}),
            Map.entry("replace", new int[]{3, 3}), Map.entry("split", new int[]{2, 2}),
            Map.entry("trim", new int[]{1, 2}), Map.entry("ltrim", new int[]{1, 2}),
            Map.entry("rtrim", new int[]{1, 2}), Map.entry("mvindex", new int[]{2, 3}),
            Map.entry("mvcount", new int[]{1, 1}), Map.entry("mvjoin", new int[]{2, 2}),
            Map.entry("mvappend", new int[]{1, -1}), Map.entry("mvdedup", new int[]{1, 1}),
            Map.entry("mvsort", new int[]{1, 1}), Map.entry("mvfind", new int[]{2, 2}),
            Map.entry("round", new int[]{1, 2}), Map.entry("floor", new int[]{1, 1}),
            Map.entry("ceil", new int[]{1, 1}), Map.entry("ceiling", new int[]{1, 1}),
            Map.entry("abs", new int[]{1, 1}), Map.entry("sqrt", new int[]{1, 1}),
            Map.entry("pow", new int[]{2, 2}), Map.entry("exp", new int[]{1, 1}),
            Map.entry("ln", new int[]{1, 1}), Map.entry("log", new int[]{1, 2}),
            Map.entry("min", new int[]{1, -1}), Map.entry("max", new int[]{1, -1}),
            Map.entry("pi", new int[]{0, 0}), Map.entry("tonumber", new int[]{1, 2}),
            Map.entry("tostring", new int[]{1, 2}), Map.entry("strftime", new int[]{2, 2}),
            Map.entry("strptime", new int[]{2, 2}), Map.entry("now", new int[]{0, 0}),
            Map.entry("time", new int[]{0, 0}), Map.entry("relative_time", new int[]{2, 2}),
            Map.entry("match", new int[]{2, 2}), Map.entry("like", new int[]{2, 2}),
            Map.entry("cidrmatch", new int[]{2, 2}), Map.entry("md5", new int[]{1, 1}),
            Map.entry("sha1", new int[]{1, 1}), Map.entry("sha256", new int[]{1, 1}),
            Map.entry("sha512", new int[]{1, 1}), Map.entry("urldecode", new int[]{1, 1}),
            Map.entry("in", new int[]{2, -1}), Map.entry("validate", new int[]{2, -1}),
            Map.entry("spath", new int[]{2, 2}));

    private Functions() {}

    /** {min, max} argument counts of a known function, or null for an unknown one. */
    public static int[] arity(String name) {
        return ARITY.get(name);
    }

    /** Names of every function, for "did you mean". */
    public static java.util.Set<String> names() {
        return ARITY.keySet();
    }

    static Object call(String fn, List<Expr> a, Row row, ExecContext ctx) {
        switch (fn) {
            case "if": return Values.isTrue(a.get(0).eval(row, ctx)) ? a.get(1).eval(row, ctx) : a.get(2).eval(row, ctx);
            case "case":
                for (int i = 0; i + 1 < a.size(); i += 2) {
                    if (Values.isTrue(a.get(i).eval(row, ctx))) return a.get(i + 1).eval(row, ctx);
                }
                return null;
            case "coalesce":
                for (Expr e : a) {
                    Object v = e.eval(row, ctx);
                    if (v != null) return v;
                }
                return null;
            case "validate":
                for (int i = 0; i + 1 < a.size(); i += 2) {
                    if (!Values.isTrue(a.get(i).eval(row, ctx))) return a.get(i + 1).eval(row, ctx);
                }
                return null;
            case "in": {
                Object v = a.get(0).eval(row, ctx);
                if (v == null) return false;
                for (int i = 1; i < a.size(); i++) {
                    if (Boolean.TRUE.equals(Operators.apply("=", v, a.get(i).eval(row, ctx)))) return true;
                }
                return false;
            }
            case "now": return (double) ctx.now().getEpochSecond();
            case "time": return System.currentTimeMillis() / 1000.0;
            case "pi": return Math.PI;
            case "null": return null;
            case "true": return true;
            case "false": return false;
            default: break;
        }
        Object[] v = new Object[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).eval(row, ctx);
        try {
            return apply(fn, v, ctx);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Object apply(String fn, Object[] v, ExecContext ctx) {
        Object x = v.length > 0 ? v[0] : null;
        switch (fn) {
            case "isnull": return x == null;
            case "isnotnull": return x != null;
            case "isnum": return x instanceof Double;
            case "isint": return x instanceof Double d && d == Math.rint(d);
            case "isstr": return x instanceof String;
            case "typeof": return x == null ? "Invalid" : x instanceof Double ? "Number"
                    : x instanceof Boolean ? "Boolean" : x instanceof List ? "Multivalue" : "String";
            case "len": return x == null ? null : (double) Values.toStr(x).length();
            case "lower": return x == null ? null : Values.toStr(x).toLowerCase(Locale.ROOT);
            case "upper": return x == null ? null : Values.toStr(x).toUpperCase(Locale.ROOT);
            case "substr": return substr(Values.toStr(x), num(v[1]), v.length > 2 ? num(v[2]) : null);
            case "replace": return replace(Values.toStr(x), Values.toStr(v[1]), Values.toStr(v[2]));
            case "split": return split(Values.toStr(x), Values.toStr(v[1]));
            case "trim": return trim(Values.toStr(x), v.length > 1 ? Values.toStr(v[1]) : " \t", true, true);
            case "ltrim": return trim(Values.toStr(x), v.length > 1 ? Values.toStr(v[1]) : " \t", true, false);
            case "rtrim": return trim(Values.toStr(x), v.length > 1 ? Values.toStr(v[1]) : " \t", false, true);
            case "mvindex": return mvindex(Values.list(x), num(v[1]), v.length > 2 ? num(v[2]) : null);
            case "mvcount": return x == null ? null : (double) Values.list(x).size();
            case "mvjoin": return x == null ? null : String.join(Values.toStr(v[1]), Values.strings(x));
            case "mvappend": {
                List<Object> out = new ArrayList<>();
                for (Object o : v) out.addAll(Values.list(o));
                return Values.ofList(out);
            }
            case "mvdedup": return Values.ofList(new ArrayList<>(new LinkedHashSet<>(Values.list(x))));
            case "mvsort": {
                List<String> l = Values.strings(x);
                l.sort(null);
                return Values.ofList(l);
            }
            case "mvfind": {
                List<String> l = Values.strings(x);
                var p = Regexes.compile(Values.toStr(v[1]));
                for (int i = 0; i < l.size(); i++) if (p.matcher(l.get(i)).find()) return (double) i;
                return null;
            }
            case "round": {
                Double d = num(x);
                if (d == null) return null;
                int places = v.length > 1 && num(v[1]) != null ? num(v[1]).intValue() : 0;
                return BigDecimal.valueOf(d).setScale(places, RoundingMode.HALF_UP).doubleValue();
            }
            case "floor": return num(x) == null ? null : Math.floor(num(x));
            case "ceil": case "ceiling": return num(x) == null ? null : Math.ceil(num(x));
            case "abs": return num(x) == null ? null : Math.abs(num(x));
            case "sqrt": return num(x) == null ? null : Math.sqrt(num(x));
            case "pow": return num(x) == null || num(v[1]) == null ? null : Math.pow(num(x), num(v[1]));
            case "exp": return num(x) == null ? null : Math.exp(num(x));
            case "ln": return num(x) == null ? null : Math.log(num(x));
            case "log": {
                Double d = num(x);
                if (d == null) return null;
                double base = v.length > 1 && num(v[1]) != null ? num(v[1]) : 10;
                return Math.log(d) / Math.log(base);
            }
            case "min": case "max": return minMax(v, fn.equals("max"));
            case "tonumber": return tonumber(Values.toStr(x), v.length > 1 ? num(v[1]) : null);
            case "tostring": return tostring(x, v.length > 1 ? Values.toStr(v[1]) : null);
            case "strftime": return num(x) == null ? null : TimeFormat.strftime(num(x), Values.toStr(v[1]), ctx.zone());
            case "strptime": return x == null ? null : TimeFormat.strptime(Values.toStr(x), Values.toStr(v[1]), ctx.zone());
            case "relative_time": {
                Double t = num(x);
                if (t == null) return null;
                return RelativeTime.resolve(Values.toStr(v[1]), Instant.ofEpochMilli(Math.round(t * 1000)), ctx.zone());
            }
            case "match": return x == null ? null : Regexes.compile(Values.toStr(v[1])).matcher(Values.toStr(x)).find();
            case "like": return x == null ? null : like(Values.toStr(x), Values.toStr(v[1]));
            case "cidrmatch": return Cidr.matches(Values.toStr(x), Values.toStr(v[1]));
            case "md5": return digest("MD5", x);
            case "sha1": return digest("SHA-1", x);
            case "sha256": return digest("SHA-256", x);
            case "sha512": return digest("SHA-512", x);
            case "urldecode": return x == null ? null : URLDecoder.decode(Values.toStr(x), StandardCharsets.UTF_8);
            case "spath": return x == null ? null : dev.vigil.search.command.Spath.extractPath(Values.toStr(x), Values.toStr(v[1]));
            default: throw new IllegalArgumentException("unknown function " + fn);
        }
    }

    private static Double num(Object o) {
        return Values.toNumber(o);
    }

    static String substr(String s, Double start, Double len) {
        if (s == null || start == null) return null;
        int st = start.intValue();
        int from = st > 0 ? st - 1 : st < 0 ? Math.max(0, s.length() + st) : 0;
        if (from > s.length()) return "";
        int to = len == null ? s.length() : (int) Math.min(s.length(), (long) from + Math.max(0, len.longValue()));
        return s.substring(from, to);
    }

    static String replace(String s, String regex, String repl) {
        if (s == null || regex == null || repl == null) return null;
        // Splunk writes backreferences as \1; RE2/J wants $1.
        String r = repl.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
        return Regexes.compile(regex).matcher(s).replaceAll(r);
    }

    static Object split(String s, String delim) {
        if (s == null || delim == null) return null;
        List<String> out = new ArrayList<>();
        if (delim.isEmpty()) {
            for (int i = 0; i < s.length(); i++) out.add(String.valueOf(s.charAt(i)));
        } else {
            int from = 0, at;
            while ((at = s.indexOf(delim, from)) >= 0) {
                out.add(s.substring(from, at));
                from = at + delim.length();
            }
            out.add(s.substring(from));
        }
        return out.size() == 1 ? out.get(0) : List.copyOf(out);
    }

    static String trim(String s, String chars, boolean left, boolean right) {
        if (s == null) return null;
        int a = 0, b = s.length();
        while (left && a < b && chars.indexOf(s.charAt(a)) >= 0) a++;
        while (right && b > a && chars.indexOf(s.charAt(b - 1)) >= 0) b--;
        return s.substring(a, b);
    }

    static Object mvindex(List<Object> l, Double start, Double end) {
        if (l.isEmpty() || start == null) return null;
        int n = l.size();
        int s = start.intValue() < 0 ? n + start.intValue() : start.intValue();
        int e = end == null ? s : end.intValue() < 0 ? n + end.intValue() : end.intValue();
        if (s < 0 || s >= n || e < s) return null;
        e = Math.min(e, n - 1);
        return Values.ofList(l.subList(s, e + 1));
    }

    private static Object minMax(Object[] v, boolean max) {
        Object best = null;
        for (Object o : v) {
            for (Object x : Values.list(o)) {
                if (best == null) best = x;
                else {
                    int c = Values.compare(x, best);
                    if (max ? c > 0 : c < 0) best = x;
                }
            }
        }
        Double n = Values.toNumber(best);
        return n != null ? n : best;
    }

    static Double tonumber(String s, Double base) {
        if (s == null) return null;
        if (base == null || base == 10) return Values.parseNumber(s.trim());
        try {
            String t = s.trim();
            if (base == 16 && t.toLowerCase(Locale.ROOT).startsWith("0x")) t = t.substring(2);
            return (double) Long.parseLong(t, base.intValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String tostring(Object x, String fmt) {
        if (x == null) return null;
        if (fmt == null) return Values.toStr(x);
        Double d = Values.toNumber(x);
        if (d == null) return Values.toStr(x);
        switch (fmt) {
            case "hex": return "0x" + Long.toHexString(d.longValue()).toUpperCase(Locale.ROOT);
            case "commas": {
                BigDecimal b = BigDecimal.valueOf(d);
                return d == Math.rint(d) ? String.format(Locale.US, "%,d", d.longValue())
                        : String.format(Locale.US, "%,.2f", b.setScale(2, RoundingMode.HALF_UP));
            }
            case "duration": {
                long s = d.longValue();
                String hms = String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600 % 24, s / 60 % 60, s % 60);
                return s >= 86400 ? (s / 86400) + "+" + hms : hms;
            }
            default: return Values.toStr(x);
        }
    }

    /** SQL LIKE: {@code %} any run, {@code _} one character; whole-string, case-sensitive. */
    static Boolean like(String s, String pattern) {
        if (s == null || pattern == null) return null;
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') re.append(".*");
            else if (c == '_') re.append('.');
            else re.append(com.google.re2j.Pattern.quote(String.valueOf(c)));
        }
        Matcher m = Regexes.compile("(?s)" + re).matcher(s);
        return m.matches();
    }

    private static String digest(String alg, Object x) {
        if (x == null) return null;
        try {
            byte[] h = MessageDigest.getInstance(alg).digest(Values.toStr(x).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

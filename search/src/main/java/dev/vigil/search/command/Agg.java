package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Row;
import dev.vigil.search.expr.Expr;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One aggregation of stats/eventstats/streamstats/timechart/chart: function, field (null for a bare
 * {@code count}), output name ({@code AS}, else Splunk's {@code fn(field)}), and for {@code fn(eval(expr))}
 * the expression whose value is aggregated instead of a field (a false result counts as no value).
 */
public record Agg(String function, String field, String as, Expr expr) {
    public Agg(String function, String field, String as) {
        this(function, field, as, null);
    }

    /** Functions Splunk's stats accepts (perc/pN/exactperc/upperperc take a number suffix). */
    public static final List<String> FUNCTIONS = List.of("count", "c", "dc", "distinct_count", "estdc", "sum", "sumsq",
            "avg", "mean", "min", "max", "median", "mode", "range", "stdev", "stdevp", "var", "varp", "first", "last",
            "earliest", "latest", "earliest_time", "latest_time", "values", "list", "perc", "p", "exactperc",
            "upperperc", "rate");

    /** The output column name. */
    public String name() {
        if (as != null) return as;
        if (expr != null) return function + "(eval(" + expr.toSpl() + "))";
        return field == null ? function : function + "(" + field + ")";
    }

    /** True for a function name this class accepts, including percentile forms like p95 or perc99.5. */
    public static boolean isFunction(String fn) {
        return FUNCTIONS.contains(fn) || percentile(fn) != null;
    }

    /** The percentile of perc95/p95/exactperc99/upperperc99.9, or null. */
    static Double percentile(String fn) {
        for (String prefix : new String[]{"exactperc", "upperperc", "perc", "p"}) {
            if (fn.startsWith(prefix) && fn.length() > prefix.length()) {
                Double d = Values.parseNumber(fn.substring(prefix.length()));
                if (d != null && d >= 0 && d <= 100) return d;
            }
        }
        return null;
    }

    public String toSpl() {
        String s = field == null ? function : function + "(" + field + ")";
        if (expr != null) s = function + "(eval(" + expr.toSpl() + "))";
        return as == null ? s : s + " AS " + as;
    }

    /** A fresh accumulator for one group. */
    public Acc newAcc() {
        return new Acc(this);
    }

    /** Accumulates values of one group; memory grows only for functions that need every value. */
    public static final class Acc {
        private final Agg agg;
        private final String fn;
        private long count;
        private long numCount;
        private double sum, sumsq;
        private Double numMin, numMax;
        private String strMin, strMax;
        private Object first, last;
        private double earliestT = Double.POSITIVE_INFINITY, latestT = Double.NEGATIVE_INFINITY;
        private Object earliestV, latestV;
        private List<Double> nums;
        private List<Object> all;
        private Map<String, Long> freq;
        private TreeSet<String> distinct;

        Acc(Agg agg) {
            this.agg = agg;
            this.fn = agg.function;
        }

        /** Adds {@code n} events counted elsewhere (an index aggregation); only for a bare count. */
        public void addCount(long n) {
            count += n;
        }

        /** Adds a row's contribution; returns the estimated bytes newly held. */
        public long add(Row row, ExecContext ctx) {
            if (agg.field == null && agg.expr == null) {
                count++;
                return 0;
            }
            Object v = agg.expr != null ? agg.expr.eval(row, ctx) : row.get(agg.field);
            if (v instanceof Boolean b) v = b ? "1" : null;
            if (v == null) return 0;
            long bytes = 0;
            Double t = row.time();
            for (Object o : Values.list(v)) bytes += addValue(o, t == null ? 0 : t);
            return bytes;
        }

        long addValue(Object o, double time) {
            count++;
            if (first == null) first = o;
            last = o;
            if (time < earliestT || earliestV == null) { earliestT = Math.min(earliestT, time); earliestV = o; }
            if (time >= latestT || latestV == null) { latestT = Math.max(latestT, time); latestV = o; }
            Double d = Values.toNumber(o);
            if (d != null) {
                numCount++;
                sum += d;
                sumsq += d * d;
                numMin = numMin == null ? d : Math.min(numMin, d);
                numMax = numMax == null ? d : Math.max(numMax, d);
            } else {
                String s = Values.toStr(o);
                if (strMin == null || s.compareTo(strMin) < 0) strMin = s;
                if (strMax == null || s.compareTo(strMax) > 0) strMax = s;
            }
            switch (fn) {
                case "dc": case "distinct_count": case "estdc": case "values": {
                    if (distinct == null) distinct = new TreeSet<>();
                    return distinct.add(Values.toStr(o)) ? Values.sizeOf(o) + 32 : 0;
                }
                case "list":
                    if (all == null) all = new ArrayList<>();
                    if (all.size() < 100) { all.add(o); return Values.sizeOf(o) + 8; }
                    return 0;
                case "mode": {
                    if (freq == null) freq = new LinkedHashMap<>();
                    return freq.merge(Values.toStr(o), 1L, Long::sum) == 1L ? Values.sizeOf(o) + 48 : 0;
                }
                case "median":
                    if (d != null) { if (nums == null) nums = new ArrayList<>(); nums.add(d); return 24; }
                    return 0;
                default:
                    if (percentile(fn) != null && d != null) {
                        if (nums == null) nums = new ArrayList<>();
                        nums.add(d);
                        return 24;
                    }
                    return 0;
            }
        }

        /**
         * Folds another accumulator of the same aggregation into this one (timechart's OTHER series).
         * first/last keep this accumulator's value when it has one.
         */
        public void merge(Acc o) {
            count += o.count;
            numCount += o.numCount;
            sum += o.sum;
            sumsq += o.sumsq;
            if (o.numMin != null) numMin = numMin == null ? o.numMin : Math.min(numMin, o.numMin);
            if (o.numMax != null) numMax = numMax == null ? o.numMax : Math.max(numMax, o.numMax);
            if (o.strMin != null && (strMin == null || o.strMin.compareTo(strMin) < 0)) strMin = o.strMin;
            if (o.strMax != null && (strMax == null || o.strMax.compareTo(strMax) > 0)) strMax = o.strMax;
            if (first == null) first = o.first;
            if (o.last != null) last = o.last;
            if (o.earliestV != null && (earliestV == null || o.earliestT < earliestT)) { earliestT = o.earliestT; earliestV = o.earliestV; }
            if (o.latestV != null && (latestV == null || o.latestT > latestT)) { latestT = o.latestT; latestV = o.latestV; }
            if (o.nums != null) { if (nums == null) nums = new ArrayList<>(); nums.addAll(o.nums); }
            if (o.all != null) { if (all == null) all = new ArrayList<>(); for (Object x : o.all) if (all.size() < 100) all.add(x); }
            if (o.freq != null) { if (freq == null) freq = new LinkedHashMap<>(); o.freq.forEach((k, v) -> freq.merge(k, v, Long::sum)); }
            if (o.distinct != null) { if (distinct == null) distinct = new TreeSet<>(); distinct.addAll(o.distinct); }
        }

        /** The aggregate's value (null when Splunk shows nothing). */
        public Object result() {
            switch (fn) {
                case "count": case "c": return (double) count;
                case "dc": case "distinct_count": case "estdc": return (double) (distinct == null ? 0 : distinct.size());
                case "sum": return numMin == null ? null : sum;
                case "sumsq": return numMin == null ? null : sumsq;
                case "avg": case "mean": return numMin == null ? null : sum / countNumeric();
                case "min": return numMin != null ? (Object) numMin : strMin;
                case "max": return numMax != null ? (Object) numMax : strMax;
                case "range": return numMin == null ? null : numMax - numMin;
                case "stdev": case "stdevp": case "var": case "varp": return spread();
                case "first": return first;
                case "last": return last;
                case "earliest": return earliestV;
                case "latest": return latestV;
                case "earliest_time": return earliestV == null ? null : earliestT;
                case "latest_time": return latestV == null ? null : latestT;
                case "rate": return latestT > earliestT && numMax != null ? (numMax - numMin) / (latestT - earliestT) : null;
                case "values": return distinct == null ? null : Values.ofList(new ArrayList<>(distinct));
                case "list": return all == null ? null : Values.ofList(all);
                case "mode": {
                    if (freq == null) return null;
                    String best = null;
                    long n = -1;
                    for (Map.Entry<String, Long> e : freq.entrySet()) if (e.getValue() > n) { best = e.getKey(); n = e.getValue(); }
                    return best;
                }
                case "median": return nums == null ? null : sortedAt(0.5, false);
                default: {
                    Double p = percentile(fn);
                    return nums == null || p == null ? null : sortedAt(p / 100, true);
                }
            }
        }

        /** avg, stdev and var ignore values that are not numbers. */
        private long countNumeric() {
            return numCount;
        }

        private Object spread() {
            long n = numCount;
            if (numMin == null || n == 0) return null;
            double mean = sum / n;
            double ss = Math.max(0, sumsq - n * mean * mean);
            boolean pop = fn.endsWith("p");
            if (!pop && n < 2) return null;
            double var = ss / (pop ? n : n - 1);
            return fn.startsWith("var") ? var : Math.sqrt(var);
        }

        /** Median: for an even count Splunk takes the higher middle value; percentiles interpolate. */
        private Double sortedAt(double q, boolean interpolate) {
            nums.sort(null);
            int n = nums.size();
            if (!interpolate) return nums.get(Math.min(n - 1, n / 2));
            double rank = q * (n - 1);
            int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
            return nums.get(lo) + (nums.get(hi) - nums.get(lo)) * (rank - lo);
        }
    }

    /** Helper for commands that keep accumulators per group key. */
    static Map<List<Object>, Acc[]> groups() {
        return new HashMap<>();
    }
}

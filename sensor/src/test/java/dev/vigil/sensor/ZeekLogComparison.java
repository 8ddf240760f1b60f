package dev.vigil.sensor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares one log written by the sensor with a Zeek btest baseline the way
 * shared/tools/zeek-compare/compare_zeek.py does: btest's canonifier on our output, identical
 * header lines, rows as a multiset, set-typed columns order-insensitive, and a field match rate over
 * max(rows expected, rows actual) x columns. Connection uids must be Zeek's own (we reproduce its
 * seeded sequence); file ids (fuid columns) are compared through one consistent bijection per case,
 * since Zeek's keyed-hash fuids are not reproduced.
 */
final class ZeekLogComparison {
    private static final Pattern TS = Pattern.compile("(^|[^0-9])([0-9]{9,10}\\.[0-9]{1,8})");
    static final java.util.Set<String> FUID_COLUMNS = java.util.Set.of("fuid", "parent_fuid", "orig_fuids",
            "resp_fuids", "fuids");
    private static final Pattern OPENCLOSE = Pattern.compile("^ *#(open|close).(19|20)..-..-..-..-..-..$");

    final String name;
    int rowsExpected, rowsActual, rowsMatched;
    long cellsMatched, cellsTotal;
    boolean headerOk = true;
    boolean actualExists;
    final List<String> details = new ArrayList<>();

    private ZeekLogComparison(String name) {
        this.name = name;
    }

    boolean pass() {
        return headerOk && rowsMatched == rowsExpected && rowsExpected == rowsActual;
    }

    double rate() {
        return cellsTotal == 0 ? 100.0 : Math.floor(1000.0 * cellsMatched / cellsTotal) / 10;
    }

    static String canonify(String line) {
        Matcher m = TS.matcher(line);
        if (m.find()) {
            line = line.substring(0, m.start(2)) + "XXXXXXXXXX.XXXXXX" + line.substring(m.end(2));
        }
        Matcher o = OPENCLOSE.matcher(line);
        if (o.matches()) {
            line = "#" + o.group(1) + " XXXX-XX-XX-XX-XX-XX";
        }
        return line;
    }

    private static List<String> lines(Path p) throws IOException {
        String s = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        List<String> l = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        if (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) {
            l.remove(l.size() - 1);
        }
        return l;
    }

    private static final class Parsed {
        final List<String> headers = new ArrayList<>();
        List<String> fields = List.of();
        List<String> types = List.of();
        final List<String[]> rows = new ArrayList<>();
    }

    private static Parsed parse(List<String> lines, boolean canon) {
        Parsed p = new Parsed();
        for (String raw : lines) {
            String line = canon ? canonify(raw) : raw;
            if (line.startsWith("#")) {
                p.headers.add(line);
                if (line.startsWith("#fields\t")) {
                    p.fields = List.of(line.substring(8).split("\t", -1));
                } else if (line.startsWith("#types\t")) {
                    p.types = List.of(line.substring(7).split("\t", -1));
                }
                continue;
            }
            p.rows.add(line.split("\t", -1));
        }
        return p;
    }

    /** Full-log or cut comparison; {@code cutColumns} null for a full log. */
    static ZeekLogComparison compare(Path expected, Path actual, List<String> cutColumns) throws IOException {
        return compare(expected, actual, cutColumns, new HashMap<>());
    }

    /** As above; {@code fuidMap} (actual fuid to expected fuid) is shared by all logs of one case. */
    static ZeekLogComparison compare(Path expected, Path actual, List<String> cutColumns, Map<String, String> fuidMap)
            throws IOException {
        ZeekLogComparison r = new ZeekLogComparison(expected.getFileName().toString());
        List<String> el = lines(expected);
        if (!el.isEmpty() && el.get(0).startsWith("### BTest baseline data")) {
            el = el.subList(1, el.size());
        }
        Parsed exp;
        if (cutColumns != null) {
            exp = new Parsed();
            exp.fields = List.of(el.get(0).split("\t", -1));
            for (String l : el.subList(1, el.size())) {
                exp.rows.add(l.split("\t", -1));
            }
        } else {
            exp = parse(el, false);
        }
        r.actualExists = Files.exists(actual);
        Parsed act = r.actualExists ? parse(lines(actual), cutColumns == null) : new Parsed();
        if (cutColumns != null && r.actualExists) {
            Parsed cut = new Parsed();
            cut.fields = cutColumns;
            for (String[] row : act.rows) {
                String[] c = new String[cutColumns.size()];
                for (int i = 0; i < c.length; i++) {
                    int k = act.fields.indexOf(cutColumns.get(i));
                    c[i] = k < 0 || k >= row.length ? "" : row[k];
                }
                cut.rows.add(canonify(String.join("\t", c)).split("\t", -1));
            }
            cut.types = act.types;
            act = cut;
        }
        if (!r.actualExists) {
            r.headerOk = exp.rows.isEmpty();
            if (!exp.rows.isEmpty()) {
                r.details.add("no such log was written (" + exp.rows.size() + " rows expected)");
            }
        } else if (cutColumns == null && !exp.headers.equals(act.headers)) {
            r.headerOk = false;
            for (int k = 0; k < Math.max(exp.headers.size(), act.headers.size()); k++) {
                String x = k < exp.headers.size() ? exp.headers.get(k) : "<none>";
                String y = k < act.headers.size() ? act.headers.get(k) : "<none>";
                if (!x.equals(y)) {
                    r.details.add("header line " + (k + 1) + ": expected '" + x + "', got '" + y + "'");
                    break;
                }
            }
        }
        List<String> types = cutColumns == null ? exp.types : List.of();
        List<String> cols = exp.fields;
        List<List<String>> e = new ArrayList<>();
        for (String[] row : exp.rows) {
            e.add(norm(row, cols, types, cols));
        }
        List<List<String>> a = new ArrayList<>();
        for (String[] row : act.rows) {
            a.add(norm(row, act.fields, types, cols));
        }
        r.rowsExpected = e.size();
        r.rowsActual = a.size();
        pair(r, e, a, cols, fuidMap);
        r.cellsTotal = (long) Math.max(e.size(), a.size()) * cols.size();
        return r;
    }

    /** A row in the expected column order; set-typed cells with their elements sorted. */
    private static List<String> norm(String[] row, List<String> rowFields, List<String> types, List<String> cols) {
        List<String> out = new ArrayList<>(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            int k = rowFields.indexOf(cols.get(i));
            String v = k < 0 || k >= row.length ? null : row[k];
            if (v != null && FUID_COLUMNS.contains(cols.get(i)) && !v.equals("-") && !v.equals("(empty)")) {
                v = "\u0000" + v; // marks a file-id cell; compared through the bijection
            } else if (v != null && i < types.size() && types.get(i).startsWith("set[") && !v.equals("-") && !v.equals("(empty)")) {
                String[] el = v.split(",", -1);
                Arrays.sort(el);
                v = String.join(",", el);
            }
            out.add(v);
        }
        return out;
    }

    /** A row with every file id replaced by a placeholder (same count of elements). */
    private static List<String> skeleton(List<String> row) {
        List<String> out = new ArrayList<>(row.size());
        for (String v : row) {
            out.add(v != null && v.startsWith("\u0000") ? v.replaceAll("[^,\u0000]+", "F") : v);
        }
        return out;
    }

    /** Records the file ids of a paired row in the bijection; false on a conflict. */
    private static boolean mapFuids(List<String> exp, List<String> act, Map<String, String> fuidMap) {
        for (int k = 0; k < exp.size(); k++) {
            String x = exp.get(k), y = act.get(k);
            if (x == null || y == null || !x.startsWith("\u0000") || !y.startsWith("\u0000")) {
                continue;
            }
            String[] xs = x.substring(1).split(","), ys = y.substring(1).split(",");
            for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
                String prev = fuidMap.putIfAbsent(ys[i], xs[i]);
                if (prev != null && !prev.equals(xs[i])) {
                    return false;
                }
                for (Map.Entry<String, String> en : fuidMap.entrySet()) {
                    if (en.getValue().equals(xs[i]) && !en.getKey().equals(ys[i])) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static void pair(ZeekLogComparison r, List<List<String>> e0, List<List<String>> a0, List<String> cols,
                             Map<String, String> fuidMap) {
        List<List<String>> e = new ArrayList<>();
        List<List<String>> a = new ArrayList<>();
        e0.forEach(x -> e.add(skeleton(x)));
        a0.forEach(x -> a.add(skeleton(x)));
        Map<List<String>, List<Integer>> pool = new HashMap<>();
        for (int i = 0; i < e.size(); i++) {
            pool.computeIfAbsent(e.get(i), k -> new ArrayList<>()).add(i);
        }
        List<Integer> restE = new ArrayList<>();
        List<Integer> restA = new ArrayList<>();
        boolean[] usedE = new boolean[e.size()];
        for (int j = 0; j < a.size(); j++) {
            List<Integer> l = pool.get(a.get(j));
            if (l != null && !l.isEmpty()) {
                int i = l.remove(0);
                usedE[i] = true;
                if (mapFuids(e0.get(i), a0.get(j), fuidMap)) {
                    r.rowsMatched++;
                    r.cellsMatched += cols.size();
                } else {
                    r.cellsMatched += cols.size() - 1;
                    r.details.add("file ids not consistent with the other rows: " + String.join("\t", a0.get(j)));
                }
            } else {
                restA.add(j);
            }
        }
        for (int i = 0; i < e.size(); i++) {
            if (!usedE[i]) {
                restE.add(i);
            }
        }
        // Greedy best-first pairing of the rest by number of equal cells.
        boolean[] takenA = new boolean[a.size()];
        for (int i : restE) {
            int best = -1, bestSim = 0;
            for (int j : restA) {
                if (takenA[j]) {
                    continue;
                }
                int s = sim(e.get(i), a.get(j));
                if (s > bestSim) {
                    bestSim = s;
                    best = j;
                }
            }
            if (best >= 0) {
                takenA[best] = true;
                r.cellsMatched += bestSim;
                if (r.details.size() < 8) {
                    StringBuilder sb = new StringBuilder("row differs in");
                    for (int k = 0; k < cols.size(); k++) {
                        String x = e.get(i).get(k), y = a.get(best).get(k);
                        if (x == null ? y != null : !x.equals(y)) {
                            sb.append(' ').append(cols.get(k)).append(": expected '").append(x).append("', got '").append(y).append("';");
                        }
                    }
                    r.details.add(sb.toString());
                }
            } else if (r.details.size() < 8 && r.actualExists) {
                r.details.add("missing row: " + String.join("\t", e.get(i)));
            }
        }
        for (int j : restA) {
            if (!takenA[j] && r.details.size() < 8) {
                r.details.add("extra row: " + String.join("\t", a.get(j)));
            }
        }
    }

    private static int sim(List<String> x, List<String> y) {
        int n = 0;
        for (int k = 0; k < x.size(); k++) {
            if (x.get(k) != null && x.get(k).equals(y.get(k))) {
                n++;
            }
        }
        return n;
    }

    /** conn-rst-behavior: "history, conn_state" of each run's single conn.log row, in run order. */
    static ZeekLogComparison compareText(Path expected, List<Path> connLogs) throws IOException {
        ZeekLogComparison r = new ZeekLogComparison(expected.getFileName().toString());
        r.actualExists = true;
        List<String> exp = new ArrayList<>();
        for (String l : lines(expected)) {
            if (!l.startsWith("### BTest baseline data")) {
                exp.add(l);
            }
        }
        List<String> act = new ArrayList<>();
        for (Path p : connLogs) {
            if (!Files.exists(p)) {
                r.headerOk = false;
                r.details.add(p + ": no conn.log written");
                continue;
            }
            Parsed c = parse(lines(p), true);
            int h = c.fields.indexOf("history"), s = c.fields.indexOf("conn_state");
            for (String[] row : c.rows) {
                act.add(row[h] + ", " + row[s]);
            }
        }
        r.rowsExpected = exp.size();
        r.rowsActual = act.size();
        for (int k = 0; k < Math.min(exp.size(), act.size()); k++) {
            String[] x = exp.get(k).split(", ", 2);
            String[] y = act.get(k).split(", ", 2);
            r.cellsMatched += (x[0].equals(y[0]) ? 1 : 0) + (x.length > 1 && y.length > 1 && x[1].equals(y[1]) ? 1 : 0);
            if (exp.get(k).equals(act.get(k))) {
                r.rowsMatched++;
            } else {
                r.details.add("line " + (k + 1) + ": expected '" + exp.get(k) + "', got '" + act.get(k) + "'");
            }
        }
        r.cellsTotal = 2L * Math.max(exp.size(), act.size());
        return r;
    }
}

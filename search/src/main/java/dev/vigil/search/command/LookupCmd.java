package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code lookup table match [AS local], ... [OUTPUT|OUTPUTNEW dest [AS local], ...]}: adds the matching rows'
 * columns (all non-match columns when no OUTPUT is given). Matching is exact and case-sensitive; several
 * matches give multivalue fields (up to 1,000). OUTPUT overwrites, OUTPUTNEW only fills missing fields.
 */
public record LookupCmd(String table, List<RenameCmd.Pair> matches, List<RenameCmd.Pair> outputs, boolean outputNew)
        implements Command {
    public LookupCmd { matches = List.copyOf(matches); outputs = List.copyOf(outputs); }

    static LookupCmd parse(Cursor c) {
        while (c.optionName() != null) c.value("a value"); // local=, update=: accepted
        String table = c.fieldName("a lookup table name");
        List<RenameCmd.Pair> matches = pairs(c);
        if (matches.isEmpty()) throw c.error("a field to match in lookup " + table);
        List<RenameCmd.Pair> outputs = List.of();
        boolean outputNew = false;
        if (c.eatKeyword("outputnew")) { outputNew = true; outputs = pairs(c); }
        else if (c.eatKeyword("output")) outputs = pairs(c);
        if (!c.atCommandEnd()) throw c.error("OUTPUT, OUTPUTNEW or the end of lookup");
        return new LookupCmd(table, matches, outputs, outputNew);
    }

    private static List<RenameCmd.Pair> pairs(Cursor c) {
        List<RenameCmd.Pair> out = new ArrayList<>();
        while (!c.atCommandEnd() && !c.peekKeyword("output") && !c.peekKeyword("outputnew")) {
            if (c.eat(",")) continue;
            String f = c.fieldName("a field name");
            String as = c.eatKeyword("as") ? c.fieldName("a name after AS") : f;
            out.add(new RenameCmd.Pair(f, as));
        }
        return out;
    }

    public Operator open(ExecContext ctx, Operator down) {
        CsvTable t = CsvTable.load(ctx.lookupsDir(), table);
        int[] matchCols = new int[matches.size()];
        for (int i = 0; i < matchCols.length; i++) {
            matchCols[i] = t.header.indexOf(matches.get(i).from());
            if (matchCols[i] < 0) {
                throw new IllegalArgumentException("lookup " + table + " has no column '" + matches.get(i).from()
                        + "'; its columns are " + t.header);
            }
        }
        List<RenameCmd.Pair> outs = new ArrayList<>(outputs);
        if (outs.isEmpty()) {
            Set<String> matched = matches.stream().map(RenameCmd.Pair::from).collect(Collectors.toSet());
            for (String h : t.header) if (!matched.contains(h)) outs.add(new RenameCmd.Pair(h, h));
        }
        int[] outCols = new int[outs.size()];
        for (int i = 0; i < outCols.length; i++) {
            outCols[i] = t.header.indexOf(outs.get(i).from());
            if (outCols[i] < 0) throw new IllegalArgumentException("lookup " + table + " has no column '" + outs.get(i).from() + "'");
        }
        Map<List<String>, List<List<String>>> index = new HashMap<>();
        for (List<String> row : t.rows) {
            List<String> k = new ArrayList<>();
            for (int col : matchCols) k.add(t.cell(row, col));
            List<List<String>> hits = index.computeIfAbsent(k, x -> new ArrayList<>());
            if (hits.size() < 1000) hits.add(row);
        }
        return Ops.map(down, r -> {
            List<String> k = new ArrayList<>();
            for (RenameCmd.Pair m : matches) {
                String v = Values.toStr(r.get(m.to()));
                if (v == null) return r;
                k.add(v);
            }
            List<List<String>> hits = index.get(k);
            if (hits == null) return r;
            for (int i = 0; i < outCols.length; i++) {
                String dest = outs.get(i).to();
                if (outputNew && r.has(dest)) continue;
                LinkedHashSet<String> vals = new LinkedHashSet<>();
                for (List<String> h : hits) {
                    String v = t.cell(h, outCols[i]);
                    if (!v.isEmpty()) vals.add(v);
                }
                if (vals.isEmpty()) r.remove(dest);
                else r.put(dest, Values.ofList(new ArrayList<>(vals)));
            }
            return r;
        });
    }

    public String toSpl() {
        StringBuilder b = new StringBuilder("lookup ").append(Parsing.quoteIfNeeded(table));
        b.append(' ').append(matches.stream().map(LookupCmd::pair).collect(Collectors.joining(", ")));
        if (!outputs.isEmpty()) {
            b.append(outputNew ? " OUTPUTNEW " : " OUTPUT ").append(outputs.stream().map(LookupCmd::pair).collect(Collectors.joining(", ")));
        }
        return b.toString();
    }

    private static String pair(RenameCmd.Pair p) {
        return p.from().equals(p.to()) ? Parsing.quoteIfNeeded(p.from())
                : Parsing.quoteIfNeeded(p.from()) + " AS " + Parsing.quoteIfNeeded(p.to());
    }
}

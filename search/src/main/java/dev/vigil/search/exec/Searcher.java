package dev.vigil.search.exec;

import dev.vigil.search.command.ChartCmd;
import dev.vigil.search.command.Command;
import dev.vigil.search.command.CommandParser;
import dev.vigil.search.command.Pipeline;
import dev.vigil.search.command.StatsCmd;
import dev.vigil.search.command.TableCmd;
import dev.vigil.search.command.TimechartCmd;
import dev.vigil.search.command.TopCmd;
import dev.vigil.search.time.RelativeTime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs SPL against a {@link SearchSource}: resolves the time range (modifiers in the query win over the
 * caller's, as Splunk's inline modifiers override the time picker), opens the commands' operators, streams
 * events through them and enforces the limits. One instance serves many searches; each search gets its own
 * {@link ExecContext}.
 */
public final class Searcher {
    private final SearchSource source;
    private final Path lookupsDir;
    private final ZoneId zone;
    private final SearchLimits limits;
    private final boolean pushdown;

    public Searcher(SearchSource source, Path lookupsDir, ZoneId zone, SearchLimits limits) {
        this(source, lookupsDir, zone, limits, true);
    }

    /** As above; {@code pushdown=false} makes every command run here (tests compare both paths). */
    public Searcher(SearchSource source, Path lookupsDir, ZoneId zone, SearchLimits limits, boolean pushdown) {
        this.source = source;
        this.lookupsDir = lookupsDir;
        this.zone = zone;
        this.limits = limits;
        this.pushdown = pushdown;
    }

    /** A context for one search (keep it to cancel the search or read its progress from another thread). */
    public ExecContext newContext() {
        return new ExecContext(zone, Instant.now(), lookupsDir, limits);
    }

    /** Parses and runs a query, collecting results up to the result limit. */
    public SearchResult search(String query, String earliest, String latest) throws IOException {
        return search(CommandParser.parse(query), earliest, latest, newContext());
    }

    /** Runs a parsed query, collecting results up to the result limit. */
    public SearchResult search(Pipeline p, String earliest, String latest, ExecContext ctx) throws IOException {
        boolean events = isEventSearch(p);
        ColumnTracker cols = new ColumnTracker(events);
        List<Row> rows = new ArrayList<>();
        long[] total = {0};
        long[] held = {0};
        // kept results may use half the memory budget; past it (or the result cap) they are only counted
        long budget = limits.maxMemoryBytes() / 2;
        run(p, earliest, latest, ctx, r -> {
            total[0]++;
            if (rows.size() < limits.maxResults() && held[0] < budget) {
                held[0] += r.estimatedBytes();
                cols.see(r);
                rows.add(r);
            }
            return true;
        });
        return new SearchResult(cols.columns(), rows, events, total[0], ctx.scanned(), total[0] > rows.size());
    }

    /** Runs a parsed query, handing each result to {@code sink} as soon as it is final. */
    public void run(Pipeline p, String earliest, String latest, ExecContext ctx, RowSink sink) throws IOException {
        double[] range = range(p, earliest, latest, ctx);
        ctx.range(range[0], range[1]);
        Operator head = new Operator() {
            public boolean push(Row r) { return sink.accept(r); }
            public void finish() { }
        };
        List<Command> cmds = p.commands();
        if (pushdown && cmds.size() >= 2) {
            Operator rest = head;
            for (int i = cmds.size() - 1; i >= 2; i--) rest = cmds.get(i).open(ctx, rest);
            if (Pushdown.run(p, source, range, ctx, rest)) {
                ctx.check();
                return;
            }
        }
        for (int i = cmds.size() - 1; i >= 0; i--) head = cmds.get(i).open(ctx, head);
        Operator first = head;
        if (!p.generating()) {
            source.scan(range[0], range[1], p.initialSearch(), e -> {
                ctx.tick();
                Row r = toRow(e);
                if (!source.extractsFields()) KvExtractor.extract(e.raw(), r);
                return first.push(r);
            });
        }
        ctx.check();
        first.finish();
    }

    /** [earliest, latest) in epoch seconds; infinite bounds for all time. */
    public double[] range(Pipeline p, String earliest, String latest, ExecContext ctx) {
        String e = p.earliest() != null ? p.earliest() : earliest;
        String l = p.latest() != null ? p.latest() : latest;
        double from = e == null || e.isBlank() || e.equals("0") ? Double.NEGATIVE_INFINITY
                : RelativeTime.resolve(e, ctx.now(), zone);
        double to = l == null || l.isBlank() ? Double.POSITIVE_INFINITY : RelativeTime.resolve(l, ctx.now(), zone);
        return new double[]{from, to};
    }

    /** An event as a row: {@code _time}, {@code _raw}, then the source's fields. */
    public static Row toRow(SearchEvent e) {
        Row r = new Row();
        r.put("_time", e.time());
        r.put("_raw", e.raw());
        for (Map.Entry<String, Object> f : e.fields().entrySet()) {
            if (f.getValue() != null) r.put(f.getKey(), f.getValue());
        }
        return r;
    }

    /** True when a query's results are events (no transforming or table command). */
    public static boolean isEventSearch(Pipeline p) {
        for (Command c : p.commands()) {
            if (c.generating() || c instanceof TableCmd || c instanceof TimechartCmd || c instanceof ChartCmd
                    || c instanceof TopCmd || (c instanceof StatsCmd s && !s.eventstats())) {
                return false;
            }
        }
        return true;
    }
}

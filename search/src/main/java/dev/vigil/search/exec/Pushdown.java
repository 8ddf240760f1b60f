package dev.vigil.search.exec;

import dev.vigil.search.command.Agg;
import dev.vigil.search.command.Command;
import dev.vigil.search.command.Pipeline;
import dev.vigil.search.command.StatsCmd;
import dev.vigil.search.command.TimechartCmd;
import dev.vigil.search.command.TopCmd;
import dev.vigil.search.value.Values;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Aggregation pushdown: when the command after the initial search is a bare count the source can compute
 * ({@code stats count by f}, {@code top f}, {@code timechart span=… count [by f]}), the source counts and the
 * search continues from the counts. Results equal the streaming path's; only the work moves.
 */
final class Pushdown {
    private Pushdown() {}

    /** Runs the pushed-down command into {@code down} and returns true, or returns false when not applicable. */
    static boolean run(Pipeline p, SearchSource source, double[] range, ExecContext ctx, Operator down) throws IOException {
        List<Command> cmds = p.commands();
        if (p.generating() || cmds.size() < 2) return false;
        Command c = cmds.get(1);
        if (c instanceof StatsCmd s && !s.eventstats() && s.by().size() == 1 && allBareCounts(s.aggs())) {
            Map<String, Long> counts = source.countBy(range[0], range[1], p.initialSearch(), s.by().get(0));
            if (counts == null) return false;
            List<String> keys = new ArrayList<>(counts.keySet());
            keys.sort(Values::compare);
            for (String k : keys) {
                Row r = new Row().put(s.by().get(0), k);
                for (Agg a : s.aggs()) r.put(a.name(), (double) counts.get(k));
                if (!down.push(r)) break;
            }
            down.finish();
            return true;
        }
        if (c instanceof TopCmd t && t.pushdownField()) {
            Map<String, Long> counts = source.countBy(range[0], range[1], p.initialSearch(), t.fields().get(0));
            if (counts == null) return false;
            t.emitCounts(counts, down);
            return true;
        }
        if (c instanceof TimechartCmd tc) {
            Long span = tc.pushdownSpan(ctx);
            if (span == null) return false;
            SortedMap<Long, Map<String, Long>> hist = source.histogram(range[0], range[1], p.initialSearch(), span, tc.by());
            if (hist == null) return false;
            tc.emitCounts(ctx, hist, down);
            return true;
        }
        return false;
    }

    private static boolean allBareCounts(List<Agg> aggs) {
        for (Agg a : aggs) if (a.field() != null || a.expr() != null || !(a.function().equals("count") || a.function().equals("c"))) return false;
        return true;
    }
}

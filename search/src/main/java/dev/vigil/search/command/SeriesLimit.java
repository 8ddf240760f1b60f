package dev.vigil.search.command;

import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * timechart's and chart's series selection: rank series by their first aggregate over everything, keep
 * the top {@code limit}, order the columns (NULL last, then OTHER), and say which series fold into OTHER.
 *
 * @param columns the series columns in output order
 * @param kept    series shown under their own name
 * @param other   true when an OTHER column collects the rest
 */
record SeriesLimit(List<String> columns, Set<String> kept, boolean other) {
    static SeriesLimit of(Collection<Map<String, Agg.Acc[]>> cells, Agg first, boolean byPresent, int limit,
                          boolean useOther, String nullStr, String otherStr, Comparator<String> order) {
        Map<String, Agg.Acc> totals = new HashMap<>();
        for (Map<String, Agg.Acc[]> m : cells) {
            m.forEach((s, accs) -> totals.computeIfAbsent(s, k -> first.newAcc()).merge(accs[0]));
        }
        Map<String, Double> rank = new HashMap<>();
        totals.forEach((k, a) -> {
            Double d = Values.toNumber(a.result());
            rank.put(k, d == null ? 0 : d);
        });
        List<String> series = new ArrayList<>(rank.keySet());
        series.sort((a, b) -> {
            int cmp = Double.compare(rank.get(b), rank.get(a));
            return cmp != 0 ? cmp : a.compareTo(b);
        });
        boolean other = false;
        if (byPresent && limit > 0 && series.size() > limit) {
            series = new ArrayList<>(series.subList(0, limit));
            other = useOther;
        }
        Set<String> kept = new HashSet<>(series);
        series.sort(order);
        if (byPresent && series.remove(nullStr)) series.add(nullStr);
        if (other) series.add(otherStr);
        return new SeriesLimit(series, kept, other);
    }
}

package dev.vigil.search;

import dev.vigil.search.exec.InMemorySearchSource;
import dev.vigil.search.exec.Row;
import dev.vigil.search.exec.SearchEvent;
import dev.vigil.search.exec.SearchLimits;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.exec.Searcher;
import dev.vigil.search.value.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: events in memory, a search over them, results as plain strings. */
public final class Fixtures {
    public static final ZoneId UTC = ZoneOffset.UTC;
    /** 2024-03-10T12:00:00Z, a Sunday. */
    public static final double T0 = 1710072000;

    private Fixtures() {}

    /** An event at epoch seconds {@code t} with {@code _raw} and default fields host/source/sourcetype. */
    public static SearchEvent ev(double t, String raw, String... kv) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("host", "web01");
        f.put("source", "/var/log/test.log");
        f.put("sourcetype", "syslog");
        f.put("index", "main");
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] == null) f.remove(kv[i]);
            else f.put(kv[i], kv[i + 1]);
        }
        return new SearchEvent(t, raw, f);
    }

    public static SearchResult run(List<SearchEvent> events, String query) {
        return run(events, query, null, null, null);
    }

    public static SearchResult run(List<SearchEvent> events, String query, String earliest, String latest, Path lookups) {
        try {
            return new Searcher(new InMemorySearchSource(events), lookups, UTC, SearchLimits.defaults())
                    .search(query, earliest, latest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field of every result, as Splunk would print it (multivalue joined by "|"). */
    public static List<String> column(SearchResult r, String field) {
        List<String> out = new ArrayList<>();
        for (Row row : r.rows()) {
            Object v = row.get(field);
            out.add(v == null ? null : v instanceof List<?> l ? String.join("|", Values.strings(l)) : Values.toStr(v));
        }
        return out;
    }

    /** Each result as "col=value col=value" over the result's columns. */
    public static List<String> lines(SearchResult r) {
        List<String> out = new ArrayList<>();
        for (Row row : r.rows()) {
            StringBuilder b = new StringBuilder();
            for (String c : r.columns()) {
                Object v = row.get(c);
                String s = v == null ? "" : v instanceof List<?> l ? String.join("|", Values.strings(l)) : Values.toStr(v);
                b.append(b.length() == 0 ? "" : " ").append(c).append('=').append(s);
            }
            out.add(b.toString());
        }
        return out;
    }
}

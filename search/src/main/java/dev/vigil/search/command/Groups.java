package dev.vigil.search.command;

import dev.vigil.search.exec.Row;
import dev.vigil.search.value.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** BY-clause keys: one key per combination of values (multivalue fields fan out), none when a field is missing. */
final class Groups {
    private Groups() {}

    /** The keys a row belongs to; empty when any BY field is missing (stats drops such rows). */
    static List<List<Object>> keys(Row r, List<String> by) {
        List<List<Object>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (String f : by) {
            Object v = r.get(f);
            if (v == null) return List.of();
            List<Object> vals = Values.list(v);
            List<List<Object>> next = new ArrayList<>(out.size() * vals.size());
            for (List<Object> k : out) {
                for (Object o : vals) {
                    List<Object> k2 = new ArrayList<>(k);
                    k2.add(o instanceof String ? o : Values.toStr(o));
                    next.add(k2);
                }
            }
            out = next;
        }
        return out;
    }

    /** The single key of a row when no BY field is multivalue (fast path), or null. */
    static List<Object> singleKey(Row r, List<String> by) {
        if (by.size() == 1) {
            Object v = r.get(by.get(0));
            if (v instanceof String s) return List.of(s);
            return null;
        }
        return null;
    }

    /** Orders keys as Splunk orders stats rows: by each BY value ascending, numbers numerically. */
    static final Comparator<List<Object>> ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = Values.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return 0;
    };
}

package dev.vigil.search.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One result: ordered field names to values ({@link dev.vigil.search.value.Values} types). A key with a
 * null value is a column with no value (table keeps it); for every test of presence it is absent.
 */
public final class Row {
    private final LinkedHashMap<String, Object> fields;

    public Row() {
        this.fields = new LinkedHashMap<>();
    }

    private Row(LinkedHashMap<String, Object> fields) {
        this.fields = fields;
    }

    public Object get(String name) { return fields.get(name); }
    public Row put(String name, Object value) { fields.put(name, value); return this; }
    public Object remove(String name) { return fields.remove(name); }
    public boolean has(String name) { return fields.get(name) != null; }
    public Set<String> names() { return fields.keySet(); }
    public Map<String, Object> asMap() { return fields; }

    /** Event time in epoch seconds, or null. */
    public Double time() {
        Object t = fields.get("_time");
        return t instanceof Double d ? d : t == null ? null : dev.vigil.search.value.Values.toNumber(t);
    }

    public Row copy() {
        return new Row(new LinkedHashMap<>(fields));
    }

    /** Estimated heap bytes, for the memory limit. */
    public long estimatedBytes() {
        long n = 64;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            n += 48 + 2L * e.getKey().length() + dev.vigil.search.value.Values.sizeOf(e.getValue());
        }
        return n;
    }

    @Override public String toString() { return fields.toString(); }
    @Override public boolean equals(Object o) { return o instanceof Row r && r.fields.equals(fields); }
    @Override public int hashCode() { return fields.hashCode(); }
}

package dev.vigil.collector.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a RainerScript object ({@code action(type="omfile" file="...")}) or the
 * equivalent of a legacy line, by lower-case name. Values are strings, or lists for arrays
 * ({@code port=["514","515"]}).
 */
public final class Params {
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Sets a string value (name is lower-cased). */
    public Params put(String name, String value) {
        values.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** Sets an array value. */
    public Params put(String name, List<String> value) {
        values.put(name.toLowerCase(Locale.ROOT), List.copyOf(value));
        return this;
    }

    /** Copies every value of {@code other} that is not set here. */
    public Params defaults(Params other) {
        other.values.forEach(values::putIfAbsent);
        return this;
    }

    /** A string value (arrays joined with ","), or null. */
    public String get(String name) {
        Object v = values.get(name.toLowerCase(Locale.ROOT));
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return (String) v;
    }

    /** A string value, or {@code dflt} when absent. */
    public String get(String name, String dflt) {
        String v = get(name);
        return v == null ? dflt : v;
    }

    /** A value as a list (a single string gives a one-element list; absent gives an empty list). */
    @SuppressWarnings("unchecked")
    public List<String> list(String name) {
        Object v = values.get(name.toLowerCase(Locale.ROOT));
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> l ? (List<String>) l : List.of((String) v);
    }

    /** An integer value, or {@code dflt}. */
    public long getLong(String name, long dflt) {
        String v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + v + "' is not a number");
        }
    }

    /** rsyslog's binary values: on/off, yes/no, 1/0. */
    public boolean getBool(String name, boolean dflt) {
        String v = get(name);
        if (v == null) {
            return dflt;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on": case "yes": case "1": case "true": return true;
            case "off": case "no": case "0": case "false": return false;
            default: throw new IllegalArgumentException("parameter '" + name + "': '" + v + "' is not on/off");
        }
    }

    public boolean has(String name) {
        return values.containsKey(name.toLowerCase(Locale.ROOT));
    }

    public Params remove(String name) {
        values.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    /** All values in the order they were set. */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public Params copy() {
        Params p = new Params();
        p.values.putAll(values);
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

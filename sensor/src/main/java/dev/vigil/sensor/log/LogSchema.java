package dev.vigil.sensor.log;

import java.util.List;

/**
 * One Zeek log stream: its path (file name without .log) and its columns with Zeek type names.
 * The writer's per-column rendering ({@link #kind}) is decided once here, not per value.
 */
public final class LogSchema {
    /** How a column's scalars are rendered. */
    static final int TIME = 0, BOOL = 1, STRING = 2, OTHER = 3;

    private final String path;
    private final List<String> fields;
    private final List<String> types;
    private final int[] kinds;
    private final boolean[] containers;

    public LogSchema(String path, List<String> fields, List<String> types) {
        if (fields.size() != types.size()) {
            throw new IllegalArgumentException(path + ": " + fields.size() + " fields but " + types.size() + " types");
        }
        this.path = path;
        this.fields = List.copyOf(fields);
        this.types = List.copyOf(types);
        this.kinds = new int[types.size()];
        this.containers = new boolean[types.size()];
        for (int i = 0; i < kinds.length; i++) {
            String t = types.get(i);
            containers[i] = t.startsWith("set[") || t.startsWith("vector[");
            kinds[i] = kindOf(containers[i] ? t.substring(t.indexOf('[') + 1, t.length() - 1) : t);
        }
    }

    private static int kindOf(String scalarType) {
        return switch (scalarType) {
            case "time", "interval" -> TIME;
            case "bool" -> BOOL;
            case "string" -> STRING;
            default -> OTHER;
        };
    }

    /** Builds a schema from alternating name, type pairs. */
    public static LogSchema of(String path, String... namesAndTypes) {
        if (namesAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException(path + ": odd number of name/type strings");
        }
        String[] f = new String[namesAndTypes.length / 2];
        String[] t = new String[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = namesAndTypes[2 * i];
            t[i] = namesAndTypes[2 * i + 1];
        }
        return new LogSchema(path, List.of(f), List.of(t));
    }

    public String path() {
        return path;
    }

    public List<String> fields() {
        return fields;
    }

    public List<String> types() {
        return types;
    }

    public int width() {
        return kinds.length;
    }

    /** The rendering of column {@code i}'s scalars (of its elements for a set or vector). */
    int kind(int i) {
        return kinds[i];
    }

    /** True when column {@code i} is a set or a vector. */
    boolean container(int i) {
        return containers[i];
    }

    @Override
    public String toString() {
        return "LogSchema[" + path + " " + fields + "]";
    }
}

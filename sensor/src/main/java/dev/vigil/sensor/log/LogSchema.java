package dev.vigil.sensor.log;

import java.util.List;

/** One Zeek log stream: its path (file name without .log) and its columns with Zeek type names. */
public record LogSchema(String path, List<String> fields, List<String> types) {
    public LogSchema {
        if (fields.size() != types.size()) {
            throw new IllegalArgumentException(path + ": " + fields.size() + " fields but " + types.size() + " types");
        }
        fields = List.copyOf(fields);
        types = List.copyOf(types);
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

    public int width() {
        return fields.size();
    }
}

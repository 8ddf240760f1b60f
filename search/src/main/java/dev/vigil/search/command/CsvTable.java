package dev.vigil.search.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lookup table: a CSV file (RFC 4180 quoting, first line the header) from the lookups directory. Files
 * larger than {@link #MAX_BYTES} are refused with both sizes in the message.
 */
final class CsvTable {
    static final long MAX_BYTES = 64L << 20;

    final List<String> header;
    final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = header;
        this.rows = rows;
    }

    /** Resolves a table name ({@code users} or {@code users.csv}) inside the lookups directory, never outside it. */
    static Path resolve(Path dir, String name) {
        if (dir == null) throw new IllegalArgumentException("lookup '" + name + "': no lookups directory is configured");
        String file = name.endsWith(".csv") ? name : name + ".csv";
        Path p = dir.resolve(file).normalize();
        if (!p.startsWith(dir.normalize()) || file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("lookup '" + name + "': a lookup name cannot leave the lookups directory");
        }
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("lookup table '" + name + "' not found in " + dir);
        return p;
    }

    static CsvTable load(Path dir, String name) {
        Path p = resolve(dir, name);
        try {
            long size = Files.size(p);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("lookup file " + p.getFileName() + " is " + size
                        + " bytes, exceeding the maximum " + MAX_BYTES);
            }
            List<List<String>> records = parse(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            if (records.isEmpty()) return new CsvTable(List.of(), List.of());
            return new CsvTable(records.get(0), records.subList(1, records.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("reading lookup " + p, e);
        }
    }

    static List<List<String>> parse(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false, any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') { f.append('"'); i++; }
                    else quoted = false;
                } else f.append(c);
                continue;
            }
            if (c == '"') { quoted = true; any = true; }
            else if (c == ',') { rec.add(f.toString()); f.setLength(0); any = true; }
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                if (any || f.length() > 0) { rec.add(f.toString()); out.add(rec); }
                rec = new ArrayList<>();
                f.setLength(0);
                any = false;
            } else { f.append(c); any = true; }
        }
        if (any || f.length() > 0) { rec.add(f.toString()); out.add(rec); }
        return out;
    }

    String cell(List<String> row, int col) {
        return col < row.size() ? row.get(col) : "";
    }
}

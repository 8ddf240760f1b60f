package dev.vigil.search.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.vigil.search.exec.Row;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.value.Values;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a finished search as {@code table} (Splunk CLI style: events print their {@code _raw}, results a
 * header, a dash rule and space-separated columns, numbers right-aligned), {@code json}
 * ({@code {"columns": [...], "rows": [[...]]}}, numbers as JSON numbers, multivalue as arrays) or {@code csv}
 * (RFC 4180, multivalue joined by newlines as Splunk exports them).
 */
public final class ResultWriter {
    private static final JsonFactory JSON = new JsonFactory();

    /** Output formats. */
    public enum Format {
        TABLE, JSON, CSV;

        /** Parses table/json/csv case-insensitively. */
        public static Format of(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown format '" + s + "': expected table, json or csv");
            }
        }
    }

    private ResultWriter() {}

    public static void write(SearchResult r, Format f, ZoneId zone, Writer out) throws IOException {
        switch (f) {
            case JSON: json(r, zone, out); break;
            case CSV: csv(r.columns(), r.rows(), zone, out, true); break;
            default: table(r, zone, out);
        }
        out.flush();
    }

    static void json(SearchResult r, ZoneId zone, Writer out) throws IOException {
        json(r, zone, out, false);
    }

    /**
     * The JSON form; with {@code meta} it also carries {@code events}, {@code total}, {@code scanned} and
     * {@code truncated} (the server's answer, which a remote CLI reads back).
     */
    public static void json(SearchResult r, ZoneId zone, Writer out, boolean meta) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.writeStartObject();
        if (meta) {
            g.writeBooleanField("events", r.events());
            g.writeNumberField("total", r.total());
            g.writeNumberField("scanned", r.scanned());
            g.writeBooleanField("truncated", r.truncated());
        }
        g.writeArrayFieldStart("columns");
        for (String c : r.columns()) g.writeString(c);
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (Row row : r.rows()) {
            g.writeStartArray();
            for (String c : r.columns()) jsonValue(g, c, row.get(c), zone);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    /** One JSON value: null, a number, a string, or an array for multivalue; {@code _time} as ISO text. */
    public static void jsonValue(JsonGenerator g, String column, Object v, ZoneId zone) throws IOException {
        if (v == null) g.writeNull();
        else if (column.equals("_time")) g.writeString(Cells.text(column, v, zone, Cells.ISO_TIME, "\n"));
        else if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) g.writeNumber(d.longValue());
            else if (d.isNaN() || d.isInfinite()) g.writeString(Values.formatNumber(d));
            else g.writeNumber(d);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) jsonValue(g, "", o, zone);
            g.writeEndArray();
        } else g.writeString(Values.toStr(v));
    }

    /** CSV with a header line; cells quoted when they hold a comma, quote or line break. */
    public static void csv(List<String> columns, List<Row> rows, ZoneId zone, Writer out, boolean header) throws IOException {
        if (header) {
            List<String> h = new ArrayList<>();
            for (String c : columns) h.add(csvCell(c));
            out.write(String.join(",", h));
            out.write("\r\n");
        }
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) cells.add(csvCell(Cells.text(c, row.get(c), zone, Cells.ISO_TIME, "\n")));
            out.write(String.join(",", cells));
            out.write("\r\n");
        }
    }

    static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static void table(SearchResult r, ZoneId zone, Writer out) throws IOException {
        if (r.events() && r.columns().contains("_raw")) {
            for (Row row : r.rows()) {
                Object raw = row.get("_raw");
                out.write(raw == null ? "" : Values.toStr(raw));
                out.write('\n');
            }
            return;
        }
        List<String> cols = r.columns();
        if (cols.isEmpty()) return;
        int n = cols.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            width[i] = cols.get(i).length();
            numeric[i] = true;
        }
        for (Row row : r.rows()) {
            String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = row.get(cols.get(i));
                line[i] = Cells.text(cols.get(i), v, zone, Cells.TABLE_TIME, " ");
                if (v != null && (cols.get(i).equals("_time") || !Values.isNumeric(v))) numeric[i] = false;
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) pad(b.append(i == 0 ? "" : " "), cols.get(i), width[i], numeric[i] && !r.rows().isEmpty());
        out.write(strip(b));
        out.write('\n');
        b.setLength(0);
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " ").append("-".repeat(width[i]));
        out.write(b.toString());
        out.write('\n');
        for (String[] line : cells) {
            b.setLength(0);
            for (int i = 0; i < n; i++) pad(b.append(i == 0 ? "" : " "), line[i], width[i], numeric[i]);
            out.write(strip(b));
            out.write('\n');
        }
    }

    private static void pad(StringBuilder b, String s, int w, boolean right) {
        if (right) b.append(" ".repeat(w - s.length())).append(s);
        else b.append(s).append(" ".repeat(w - s.length()));
    }

    private static String strip(StringBuilder b) {
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') end--;
        return b.substring(0, end);
    }
}

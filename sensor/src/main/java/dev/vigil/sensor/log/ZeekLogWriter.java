package dev.vigil.sensor.log;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes Zeek logs into a directory, one file per log path, in Zeek's TSV format (default) or
 * Zeek's JSON lines. A file is created with its first row; {@link #close()} writes the #close lines.
 */
public final class ZeekLogWriter implements Closeable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private final Path dir;
    private final boolean json;
    private final Supplier<LocalDateTime> clock;
    private final Map<String, Writer> open = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder(512);

    public ZeekLogWriter(Path dir, boolean json) {
        this(dir, json, LocalDateTime::now);
    }

    public ZeekLogWriter(Path dir, boolean json, Supplier<LocalDateTime> clock) {
        this.dir = dir;
        this.json = json;
        this.clock = clock;
    }

    /** Writes one row; {@code values} follow the schema's columns (null = unset). */
    public void write(LogSchema s, Object... values) {
        if (values.length != s.width()) {
            throw new IllegalArgumentException(s.path() + ": " + values.length + " values for " + s.width() + " columns");
        }
        try {
            Writer w = open.get(s.path());
            if (w == null) {
                w = openLog(s);
            }
            line.setLength(0);
            if (json) {
                JsonRow.append(line, s, values);
            } else {
                tsvRow(s, values);
            }
            line.append('\n');
            w.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Writer openLog(LogSchema s) throws IOException {
        Files.createDirectories(dir);
        Writer w = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(dir.resolve(s.path() + ".log")), StandardCharsets.UTF_8), 1 << 16);
        open.put(s.path(), w);
        if (!json) {
            w.append("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n");
            w.append("#path\t").append(s.path()).append('\n');
            w.append("#open\t").append(STAMP.format(clock.get())).append('\n');
            w.append("#fields\t").append(String.join("\t", s.fields())).append('\n');
            w.append("#types\t").append(String.join("\t", s.types())).append('\n');
        }
        return w;
    }

    private void tsvRow(LogSchema s, Object[] values) {
        List<String> types = s.types();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            tsvValue(types.get(i), values[i]);
        }
        if (line.length() > 0 && line.charAt(0) == '#') {
            line.replace(0, 1, "\\x23"); // a row must not look like a header line
        }
    }

    private void tsvValue(String type, Object v) {
        if (v == null) {
            line.append('-');
            return;
        }
        if (type.startsWith("set[") || type.startsWith("vector[")) {
            List<?> list = (List<?>) v;
            if (list.isEmpty()) {
                line.append("(empty)");
                return;
            }
            String inner = type.substring(type.indexOf('[') + 1, type.length() - 1);
            for (int k = 0; k < list.size(); k++) {
                if (k > 0) {
                    line.append(',');
                }
                scalar(inner, list.get(k), true);
            }
            return;
        }
        scalar(type, v, false);
    }

    private void scalar(String type, Object v, boolean inContainer) {
        if (v == null) {
            line.append('-');
            return;
        }
        switch (type) {
            case "time", "interval" -> ZeekValues.fixed6(line, ((Number) v).doubleValue());
            case "bool" -> line.append(((Boolean) v) ? 'T' : 'F');
            case "string" -> {
                if (v instanceof String str && plainAscii(str, inContainer)) {
                    line.append(str);
                    return;
                }
                byte[] b = v instanceof byte[] bytes ? bytes : v.toString().getBytes(StandardCharsets.UTF_8);
                if (b.length == 0) {
                    line.append("(empty)");
                } else if ((b.length == 1 && b[0] == '-') || "(empty)".equals(new String(b, StandardCharsets.ISO_8859_1))) {
                    ZeekValues.hex(line, b[0]);
                    ZeekValues.escaped(line, java.util.Arrays.copyOfRange(b, 1, b.length), inContainer);
                } else {
                    ZeekValues.escaped(line, b, inContainer);
                }
            }
            default -> {
                if (v instanceof Long l) {
                    line.append(l.longValue());
                } else if (v instanceof Integer n) {
                    line.append(n.intValue());
                } else {
                    line.append(v);
                }
            }
        }
    }

    /** Printable ASCII needing no escape, and not one of the two markers: the common case, copied as is. */
    private static boolean plainAscii(String s, boolean inContainer) {
        int n = s.length();
        if (n == 0 || s.equals("-") || s.equals("(empty)")) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '\\' || (inContainer && c == ',')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Writer w : open.values()) {
            try {
                if (!json) {
                    w.append("#close\t").append(STAMP.format(clock.get())).append('\n');
                }
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}

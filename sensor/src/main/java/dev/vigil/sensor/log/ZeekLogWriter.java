package dev.vigil.sensor.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes Zeek logs into a directory, one file per log path, in Zeek's TSV format (default) or
 * Zeek's JSON lines. A file is created with its first row; {@link #close()} writes the #close lines.
 * {@link #flush()} hands buffered rows to the operating system (a live sensor calls it every
 * second); {@link #rotate()} closes every file and renames it as Zeek's ASCII writer does
 * ({@code conn.2026-11-26-20-00-00.log}, the time the file was opened), the next row opening a
 * new file. An optional {@link LogTap} sees every line exactly as it is written.
 *
 * <p>Rows are built as text in which every character is one output byte: values are ASCII, and the
 * valid UTF-8 sequences that Zeek copies unescaped are appended byte by byte as characters
 * U+0080..U+00FF, so the builder stays compact (Latin-1) and a row is written with a plain copy.
 */
public final class ZeekLogWriter implements Closeable {
    /** Zeek's {@code Log::default_rotation_date_format}, also used for {@code #open}/{@code #close}. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");
    private static final int BUFFER = 1 << 16;

    /** Receives each line written (without its newline): header lines, rows and {@code #close}. */
    @FunctionalInterface
    public interface LogTap {
        /**
         * @param path  the log's path ({@code conn}, {@code http}, ...)
         * @param json  true for a JSON row, false for a TSV line (header or row)
         * @param line  the line as written, decoded from UTF-8
         */
        void line(String path, boolean json, String line);
    }

    /** One open log file with its own output buffer. */
    private static final class LogFile {
        final Path file;
        final String opened;
        final OutputStream out;
        final byte[] buf = new byte[BUFFER];
        int pos;

        LogFile(Path file, String opened) throws IOException {
            this.file = file;
            this.opened = opened;
            this.out = Files.newOutputStream(file);
        }

        @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies Latin-1 text as bytes, as wanted
        void write(String text) throws IOException {
            int n = text.length();
            if (n > buf.length - pos) {
                drain();
                if (n > buf.length) {
                    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
                    return;
                }
            }
            text.getBytes(0, n, buf, pos);
            pos += n;
        }

        void drain() throws IOException {
            if (pos > 0) {
                out.write(buf, 0, pos);
                pos = 0;
            }
        }
    }

    private final Path dir;
    private final boolean json;
    private final Supplier<LocalDateTime> clock;
    private final Map<String, LogFile> open = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder(512);
    private LogTap tap;

    public ZeekLogWriter(Path dir, boolean json) {
        this(dir, json, LocalDateTime::now);
    }

    public ZeekLogWriter(Path dir, boolean json, Supplier<LocalDateTime> clock) {
        this.dir = dir;
        this.json = json;
        this.clock = clock;
    }

    /** Sets the listener that sees every line written (null: none). */
    public void tap(LogTap t) {
        this.tap = t;
    }

    /** Writes one row; {@code values} follow the schema's columns (null = unset). */
    public void write(LogSchema s, Object... values) {
        if (values.length != s.width()) {
            throw new IllegalArgumentException(s.path() + ": " + values.length + " values for " + s.width() + " columns");
        }
        try {
            LogFile f = open.get(s.path());
            if (f == null) {
                f = openLog(s);
            }
            line.setLength(0);
            if (json) {
                JsonRow.append(line, s, values);
            } else {
                tsvRow(s, values);
            }
            line.append('\n');
            String text = line.toString();
            f.write(text);
            if (tap != null) {
                tap.line(s.path(), json, decode(text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a line built byte per character, without its newline. */
    private static String decode(String text) {
        return new String(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length() - 1, StandardCharsets.UTF_8);
    }

    private void header(LogFile f, String path, String text) throws IOException {
        f.write(text);
        if (tap != null) {
            tap.line(path, false, text.substring(0, text.length() - 1));
        }
    }

    private LogFile openLog(LogSchema s) throws IOException {
        Files.createDirectories(dir);
        String opened = STAMP.format(clock.get());
        LogFile f = new LogFile(dir.resolve(s.path() + ".log"), opened);
        open.put(s.path(), f);
        if (!json) {
            header(f, s.path(), "#separator \\x09\n");
            header(f, s.path(), "#set_separator\t,\n");
            header(f, s.path(), "#empty_field\t(empty)\n");
            header(f, s.path(), "#unset_field\t-\n");
            header(f, s.path(), "#path\t" + s.path() + "\n");
            header(f, s.path(), "#open\t" + opened + "\n");
            header(f, s.path(), "#fields\t" + String.join("\t", s.fields()) + "\n");
            header(f, s.path(), "#types\t" + String.join("\t", s.types()) + "\n");
        }
        return f;
    }

    private void tsvRow(LogSchema s, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                line.append('-');
            } else if (s.container(i)) {
                container(s.kind(i), (List<?>) v);
            } else {
                scalar(s.kind(i), v, false);
            }
        }
        if (line.length() > 0 && line.charAt(0) == '#') {
            line.replace(0, 1, "\\x23"); // a row must not look like a header line
        }
    }

    private void container(int kind, List<?> list) {
        if (list.isEmpty()) {
            line.append("(empty)");
            return;
        }
        for (int k = 0; k < list.size(); k++) {
            if (k > 0) {
                line.append(',');
            }
            scalar(kind, list.get(k), true);
        }
    }

    private void scalar(int kind, Object v, boolean inContainer) {
        if (v == null) {
            line.append('-');
            return;
        }
        switch (kind) {
            case LogSchema.TIME -> ZeekValues.fixed6(line, ((Number) v).doubleValue());
            case LogSchema.BOOL -> line.append(((Boolean) v) ? 'T' : 'F');
            case LogSchema.STRING -> {
                if (v instanceof String str && plainAscii(str, inContainer)) {
                    line.append(str);
                    return;
                }
                byte[] b = v instanceof byte[] bytes ? bytes : v.toString().getBytes(StandardCharsets.UTF_8);
                if (b.length == 0) {
                    line.append("(empty)");
                } else if ((b.length == 1 && b[0] == '-') || isEmptyMarker(b)) {
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

    private static final byte[] EMPTY_MARKER = "(empty)".getBytes(StandardCharsets.US_ASCII);

    private static boolean isEmptyMarker(byte[] b) {
        return b.length == EMPTY_MARKER.length && java.util.Arrays.equals(b, EMPTY_MARKER);
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

    /** Hands every buffered row to the operating system. */
    public void flush() throws IOException {
        for (LogFile f : open.values()) {
            f.drain();
            f.out.flush();
        }
    }

    /**
     * Closes every open log (with its {@code #close} line) and renames it to
     * {@code <path>.<opened>.log}, as Zeek's rotation does; later rows open new files.
     *
     * @return the rotated files
     */
    public List<Path> rotate() throws IOException {
        List<Path> done = new java.util.ArrayList<>();
        for (Map.Entry<String, LogFile> e : open.entrySet()) {
            LogFile f = e.getValue();
            finish(e.getKey(), f);
            Path target = dir.resolve(e.getKey() + "." + f.opened + ".log");
            for (int k = 1; Files.exists(target); k++) {
                target = dir.resolve(e.getKey() + "." + f.opened + "-" + k + ".log");
            }
            Files.move(f.file, target, StandardCopyOption.ATOMIC_MOVE);
            done.add(target);
        }
        open.clear();
        return done;
    }

    private void finish(String path, LogFile f) throws IOException {
        try {
            if (!json) {
                header(f, path, "#close\t" + STAMP.format(clock.get()) + "\n");
            }
            f.drain();
        } finally {
            f.out.close();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Map.Entry<String, LogFile> e : open.entrySet()) {
            try {
                finish(e.getKey(), e.getValue());
            } catch (IOException x) {
                if (first == null) {
                    first = x;
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}

package dev.vigil.index.importer;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.index.extract.ZeekTsvReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads files line by line into events: {@code .gz} files are decompressed, directories are walked for
 * {@code *.log} and {@code *.log.gz} files (a Zeek log directory), Zeek TSV files are read with their
 * {@code #fields} header. Each event's source is the file's absolute path. Files of a {@link RecordFormat}
 * (EVTX) are read by it instead; what it reports as damaged, and a file it cannot read at all, go to the
 * problems consumer and the import goes on.
 */
public final class FileImporter {
    private final ImportOptions options;
    private final EventSink sink;
    private final Consumer<Progress> progress;
    private final List<RecordFormat> formats;
    private final Consumer<String> problems;
    private final String localHost;

    /** Progress so far: events, lines cut at the limit, bytes read of all input, total input bytes. */
    public record Progress(long events, long truncated, long bytesRead, long bytesTotal, boolean done) {
    }

    public FileImporter(ImportOptions options, EventSink sink, Consumer<Progress> progress) {
        this(options, sink, progress, List.of(), p -> { });
    }

    /** An importer that also reads {@code formats}' files, reporting damaged parts to {@code problems}. */
    public FileImporter(ImportOptions options, EventSink sink, Consumer<Progress> progress, List<RecordFormat> formats,
                        Consumer<String> problems) {
        this.options = options;
        this.sink = sink;
        this.progress = progress;
        this.formats = List.copyOf(formats);
        this.problems = problems;
        this.localHost = localHostName();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The files an argument names: itself, or the log files under a directory (sorted). */
    public static List<Path> expand(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            if (!Files.isReadable(p)) {
                throw new IOException("cannot read " + p);
            }
            return List.of(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).filter(f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".log") || n.endsWith(".log.gz") || n.endsWith(".json") || n.endsWith(".json.gz")
                        || n.toLowerCase(java.util.Locale.ROOT).endsWith(".evtx");
            }).sorted().toList();
        }
    }

    /** Imports every file; returns the final progress. */
    public Progress run(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        Counter c = new Counter(total);
        for (Path f : files) {
            importFile(f, c);
        }
        Progress done = new Progress(c.events, c.truncated, c.bytes, total, true);
        progress.accept(done);
        return done;
    }

    private static final class Counter {
        final long total;
        long events;
        long truncated;
        long bytes;
        long lastReport;

        Counter(long total) {
            this.total = total;
        }
    }

    private void importFile(Path file, Counter c) throws IOException {
        RecordFormat format = formatOf(file);
        if (format != null) {
            importRecords(format, file, c);
            return;
        }
        String source = file.toAbsolutePath().toString();
        long before = c.bytes;
        try (CountingInput counted = new CountingInput(Files.newInputStream(file));
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(counted, 65536) : counted) {
            LineReader lines = new LineReader(new BufferedInputStream(in, 1 << 16), options.maxLineBytes());
            ZeekTsvReader zeek = new ZeekTsvReader();
            boolean zeekTsv = false;
            List<Event> batch = new ArrayList<>(options.batchSize());
            Instant now = Instant.now();
            String line;
            int lineNo = 0;
            while ((line = lines.next()) != null) {
                if (++lineNo <= 5 && !zeekTsv && line.startsWith("#")) {
                    // a Zeek TSV log opens with its header; comment lines before "#separator" are not events
                    zeekTsv = line.startsWith("#separator");
                    if (!zeekTsv) {
                        continue;
                    }
                }
                if (lines.lastWasTruncated()) {
                    c.truncated++;
                }
                Event e = zeekTsv ? zeekEvent(zeek, line, source, now) : lineEvent(line, source, now);
                if (e == null) {
                    continue;
                }
                batch.add(e);
                if (batch.size() >= options.batchSize()) {
                    flush(batch, c, before + counted.count());
                    batch = new ArrayList<>(options.batchSize());
                }
            }
            flush(batch, c, before + counted.count());
        }
    }

    private RecordFormat formatOf(Path file) throws IOException {
        if (formats.isEmpty()) {
            return null;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        for (RecordFormat f : formats) {
            if (f.reads(file, head)) {
                return f;
            }
        }
        return null;
    }

    /** A record file: batches as for lines; a file the format cannot read at all is reported and skipped. */
    private void importRecords(RecordFormat format, Path file, Counter c) throws IOException {
        long before = c.bytes;
        long size = Files.size(file);
        List<List<Event>> batch = new ArrayList<>(List.of(new ArrayList<>(options.batchSize())));
        try {
            format.read(file, options, (e, position) -> {
                batch.get(0).add(e);
                if (batch.get(0).size() >= options.batchSize()) {
                    try {
                        flush(batch.get(0), c, before + Math.min(position, size));
                    } catch (IOException x) {
                        throw new SinkFailed(x);
                    }
                    batch.set(0, new ArrayList<>(options.batchSize()));
                }
            }, problems);
        } catch (SinkFailed f) {
            throw f.getCause();
        } catch (IOException e) {
            problems.accept(e.getMessage() + "; file skipped");
        }
        flush(batch.get(0), c, before + size);
    }

    /** The sink failed while a format was reading: the import stops (the file itself was fine). */
    private static final class SinkFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private void flush(List<Event> batch, Counter c, long bytes) throws IOException {
        if (!batch.isEmpty()) {
            sink.accept(batch);
            c.events += batch.size();
        }
        c.bytes = bytes;
        long now = System.nanoTime();
        if (now - c.lastReport > 250_000_000L) {
            c.lastReport = now;
            progress.accept(new Progress(c.events, c.truncated, c.bytes, c.total, false));
        }
    }

    private Event lineEvent(String line, String source, Instant now) {
        if (line.isEmpty()) {
            return null;
        }
        Event.Builder b = Event.builder().received(now).raw(line.getBytes(StandardCharsets.UTF_8)).msg(line)
                .source(source).sourcetype(options.sourcetype()).index(options.index()).fromHost(localHost);
        if (options.host() != null) {
            b.hostname(options.host());
        }
        return b.build();
    }

    private Event zeekEvent(ZeekTsvReader zeek, String line, String source, Instant now) {
        ZeekTsvReader.Row row = zeek.line(line);
        if (row == null) {
            return null;
        }
        Event.Builder b = Event.builder().received(now).raw(line.getBytes(StandardCharsets.UTF_8)).msg(line)
                .source(source).sourcetype(options.sourcetype() != null ? options.sourcetype() : row.sourcetype())
                .index(options.index()).fromHost(localHost).fields(row.fields());
        if (row.time() != null) {
            b.reported(SyslogTime.ofInstant(row.time(), ZoneOffset.UTC));
        }
        if (options.host() != null) {
            b.hostname(options.host());
        }
        return b.build();
    }

    /** Counts compressed bytes read, for progress. */
    private static final class CountingInput extends java.io.FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

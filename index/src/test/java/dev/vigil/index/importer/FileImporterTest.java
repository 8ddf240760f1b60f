package dev.vigil.index.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.index.query.Filter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImporterTest {
    @TempDir Path dir;

    private List<StoredEvent> importAndRead(List<Path> files, ImportOptions o, Filter f) throws Exception {
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dir.resolve("data")))) {
            List<FileImporter.Progress> seen = new ArrayList<>();
            List<Path> inputs = new ArrayList<>();
            for (Path p : files) {
                inputs.addAll(FileImporter.expand(p));
            }
            FileImporter.Progress done = new FileImporter(o, store::append, seen::add).run(inputs);
            assertThat(done.done()).isTrue();
            assertThat(seen).isNotEmpty();
            store.flush();
            try (Stream<StoredEvent> s = store.search(EventQuery.of(f))) {
                return s.collect(Collectors.toList());
            }
        }
    }

    @Test
    void gzipSyslogTakesEachLinesHostnameAndTheCurrentYear() throws Exception {
        Path gz = dir.resolve("messages.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("Mar  3 08:15:02 gw01 sshd[4121]: Accepted publickey for deploy from 10.0.4.17 port 51514 ssh2\n"
                    + "Mar  3 08:15:03 gw02 cron[7]: (root) CMD (true)\r\n").getBytes(StandardCharsets.UTF_8));
        }
        List<StoredEvent> events = importAndRead(List.of(gz), ImportOptions.of("syslog", null, null), Filter.ALL);
        assertThat(events).extracting(StoredEvent::host).containsExactly("gw02", "gw01");
        assertThat(events).extracting(StoredEvent::sourcetype).containsOnly("syslog");
        assertThat(events.get(0).source()).isEqualTo(gz.toAbsolutePath().toString());
        LocalDateTime t = LocalDateTime.ofInstant(events.get(1).time(), ZoneId.systemDefault());
        assertThat(t).isEqualTo(LocalDateTime.of(Year.now().getValue(), 3, 3, 8, 15, 2));
    }

    @Test
    void hostAndIndexOptionsApplyToEveryEvent() throws Exception {
        Path f = dir.resolve("app.log");
        Files.writeString(f, "one user=alice\ntwo user=bob\n\n");
        List<StoredEvent> events = importAndRead(List.of(f), ImportOptions.of(null, "h9", "apps"), Filter.field("user", "bob"));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).host()).isEqualTo("h9");
        assertThat(events.get(0).index()).isEqualTo("apps");
    }

    @Test
    void zeekLogDirectoryUsesHeadersAndPaths() throws Exception {
        Path zeek = dir.resolve("zeek");
        Files.createDirectories(zeek);
        Files.copy(getClass().getResourceAsStream("/zeek/dns.log"), zeek.resolve("dns.log"));
        Files.copy(getClass().getResourceAsStream("/zeek/http.log"), zeek.resolve("http.log"));
        List<StoredEvent> dns = importAndRead(List.of(zeek), ImportOptions.of(null, null, null),
                Filter.field("sourcetype", "zeek_dns"));
        long dataLines = Files.readAllLines(zeek.resolve("dns.log")).stream().filter(l -> !l.startsWith("#")).count();
        assertThat(dns).hasSize((int) dataLines);
        assertThat(dns).allSatisfy(e -> assertThat(e.fields()).containsKeys("id.orig_h", "query"));
    }

    @Test
    void cutsOverlongLinesAndCountsThem() throws Exception {
        Path f = dir.resolve("long.log");
        Files.writeString(f, "x".repeat(5000) + "\nshort\n");
        List<FileImporter.Progress> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        FileImporter.Progress p = new FileImporter(new ImportOptions(null, null, null, 10, 1000),
                b -> b.forEach(e -> sizes.add(e.raw().length)), seen::add).run(List.of(f));
        assertThat(p.truncated()).isEqualTo(1);
        assertThat(sizes).containsExactly(1000, 5);
    }

    /** A record format of its own: files starting "REC\n", one record per further line, "BAD" lines damaged. */
    private static final class RecLines implements RecordFormat {
        @Override
        public boolean reads(Path file, byte[] head) {
            return new String(head, StandardCharsets.US_ASCII).startsWith("REC\n");
        }

        @Override
        public void read(Path file, ImportOptions o, Events events, java.util.function.Consumer<String> problems)
                throws java.io.IOException {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 2) {
                throw new java.io.IOException(file + ": no records");
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).equals("BAD")) {
                    problems.accept(file + ": record " + i + " damaged, skipped");
                } else {
                    events.accept(dev.vigil.core.event.Event.builder().msg(lines.get(i)).source("rec").build(), i);
                }
            }
        }
    }

    @Test
    void recordFormatsReadTheirFilesAndTheirProblemsAreReportedNotFatal() throws Exception {
        Path rec = dir.resolve("a.rec");
        Files.writeString(rec, "REC\none\nBAD\nthree\n");
        Path broken = dir.resolve("b.rec");
        Files.writeString(broken, "REC\n");
        Path text = dir.resolve("c.log");
        Files.writeString(text, "plain line\n");
        List<String> msgs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        FileImporter.Progress p = new FileImporter(new ImportOptions(null, null, null, 1, 1000),
                b -> b.forEach(e -> msgs.add(e.msg())), x -> { }, List.of(new RecLines()), problems::add)
                .run(List.of(rec, broken, text));
        assertThat(msgs).containsExactly("one", "three", "plain line");
        assertThat(problems).containsExactly(rec + ": record 2 damaged, skipped", broken + ": no records; file skipped");
        assertThat(p.events()).isEqualTo(3);
        assertThat(p.bytesRead()).isEqualTo(p.bytesTotal());

        EventSink failing = b -> {
            throw new java.io.IOException("disk full");
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FileImporter(new ImportOptions(null, null, null, 1,
                1000), failing, x -> { }, List.of(new RecLines()), problems::add).run(List.of(rec)))
                .isInstanceOf(java.io.IOException.class).hasMessage("disk full");
    }
}

import dev.vigil.core.event.Event;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.search.exec.SearchLimits;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.exec.Searcher;
import dev.vigil.search.store.IndexSearchSource;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;
import java.util.Random;

/**
 * SPL benchmark driver (run by bench/search/run.sh with the CLI's class path).
 *   gen FILE N         N lines "EPOCH HOST SOURCETYPE key=value..." over 7 days (seed 42), one rare term
 *   ingest FILE DATA   load FILE into a fresh index in DATA (host, sourcetype and _time from the first columns)
 *   query DATA RUNS [nocache]   time each SPL query RUNS times through the search engine; print the first run,
 *                      the median and peak heap; "nocache" turns the index's aggregation cache off
 */
public final class SearchBench {
    static final String RARE = "qzxv7rareterm";
    static final long START = 1709251200L; // 2024-03-01T00:00:00Z
    static final String[] QUERIES = {
            "search " + RARE,
            "* | stats count by host",
            "* | timechart span=1h count by sourcetype",
            "* | top 10 src"};

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> gen(Path.of(args[1]), Long.parseLong(args[2]));
            case "ingest" -> ingest(Path.of(args[1]), Path.of(args[2]));
            case "query" -> query(Path.of(args[1]), Integer.parseInt(args[2]), args.length < 4 || !args[3].equals("nocache"));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void gen(Path file, long n) throws Exception {
        Random r = new Random(42);
        String[] types = {"app_web", "app_db", "app_auth", "app_mail", "app_cron", "app_fw"};
        String[] users = {"root", "admin", "alice", "bob", "oracle", "test", "git", "deploy"};
        String[] actions = {"ok", "ok", "ok", "fail", "blocked"};
        long span = 7 * 86400L;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder b = new StringBuilder(160);
            for (long i = 0; i < n; i++) {
                b.setLength(0);
                b.append(START + i * span / n).append(" host").append(String.format("%03d", r.nextInt(200)))
                        .append(' ').append(types[r.nextInt(types.length)])
                        .append(" action=").append(actions[r.nextInt(actions.length)])
                        .append(" src=10.").append(r.nextInt(4)).append('.').append(r.nextInt(16)).append('.').append(r.nextInt(64))
                        .append(" user=").append(users[r.nextInt(users.length)])
                        .append(" bytes=").append(r.nextInt(100000))
                        .append(" msg=\"request ").append(Long.toHexString(r.nextLong() & 0xffffffL)).append('"');
                if (i % (n / 10) == 7) b.append(' ').append(RARE);
                w.write(b.toString());
                w.write('\n');
            }
        }
    }

    static void ingest(Path file, Path data) throws Exception {
        long t0 = System.nanoTime(), n = 0, t1;
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(data)
                .withCommitInterval(Duration.ofSeconds(30)));
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Event> batch = new ArrayList<>(20_000);
            String line;
            while ((line = in.readLine()) != null) {
                int a = line.indexOf(' '), b = line.indexOf(' ', a + 1), c = line.indexOf(' ', b + 1);
                batch.add(Event.builder().received(Instant.ofEpochSecond(Long.parseLong(line.substring(0, a))))
                        .raw(line.getBytes(StandardCharsets.UTF_8)).msg(line).hostname(line.substring(a + 1, b))
                        .sourcetype(line.substring(b + 1, c)).index("main").source("bench").build());
                if (batch.size() == 20_000) {
                    store.append(batch);
                    n += batch.size();
                    batch = new ArrayList<>(20_000);
                }
            }
            if (!batch.isEmpty()) { store.append(batch); n += batch.size(); }
            store.flush();
            t1 = System.nanoTime();
            // what a running node reaches five idle minutes later: every past day merged to one segment (not timed)
            store.compactPastDays(Duration.ZERO);
        }
        double s = (t1 - t0) / 1e9;
        System.out.printf("ingested %d events in %.1f s (%.0f events/s)%n", n, s, n / s);
    }

    /**
     * Times each query: its first run in this JVM (no cached aggregation yet), then RUNS runs (median).
     * {@code cache=false} turns the index's aggregation cache off, so every run computes from doc values.
     */
    static void query(Path data, int runs, boolean cache) throws Exception {
        StoreOptions o = StoreOptions.defaults(data);
        if (!cache) o = o.withAggregationCacheBytes(0);
        try (LuceneEventStore store = new LuceneEventStore(o)) {
            Searcher searcher = new Searcher(new IndexSearchSource(store), null, ZoneOffset.UTC, SearchLimits.defaults());
            searcher.search("nosuchterm0 | stats count", "0", null); // opens every partition's reader once
            for (String q : QUERIES) {
                double[] ms = new double[runs];
                long peak = 0;
                SearchResult last = null;
                long t0 = System.nanoTime();
                searcher.search(q, "0", null);
                double first = (System.nanoTime() - t0) / 1e6;
                for (int i = 0; i < runs; i++) {
                    System.gc();
                    resetPeaks();
                    long t = System.nanoTime();
                    last = searcher.search(q, "0", null);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                    peak = Math.max(peak, heapPeak());
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                StringBuilder all = new StringBuilder();
                for (double m : ms) all.append(all.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", m));
                System.out.printf(Locale.ROOT, "vigil\t%s\tmedian_ms=%.3f\tfirst_ms=%.1f\tcache=%s\truns=[%s]\trows=%d\tscanned=%d\tpeak_heap_mb=%d%n",
                        q, sorted[runs / 2], first, cache ? "on" : "off", all, last.rows().size(), last.scanned(), peak >> 20);
            }
        }
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }
}

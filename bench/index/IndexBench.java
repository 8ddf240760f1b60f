import dev.vigil.core.event.Event;
import dev.vigil.index.EventQuery;
import dev.vigil.index.query.Filter;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Index benchmark driver (run by bench/index/run.sh with the index module's class path).
 *   gen FILE N [SPAN_S]  write N syslog-like lines (seed 42) spanning the last SPAN_S seconds (default 7 days),
 *                        ending now, with the rare term 10 times
 *   ingest FILE DATA     append every line of FILE into a fresh store in DATA, print events/s and visibility delay
 *   query DATA [RUNS [nocache]]  time the rare term, stats count by host, timechart span=1h count by sourcetype,
 *                        top 10 src: first run, then p50 of RUNS after 20 untimed; "nocache": no aggregation cache
 */
public final class IndexBench {
    static final String RARE = "qzxv7rareterm";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> gen(Path.of(args[1]), Long.parseLong(args[2]), args.length > 3 ? Long.parseLong(args[3]) : 7 * 86400L);
            case "ingest" -> ingest(Path.of(args[1]), Path.of(args[2]));
            case "query" -> query(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 11,
                    args.length < 4 || !args[3].equals("nocache"));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void gen(Path file, long n, long spanSec) throws Exception {
        Random r = new Random(42);
        String[] users = {"root", "admin", "alice", "bob", "oracle", "test", "ubuntu", "git", "postgres", "deploy"};
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
        LocalDateTime start = LocalDateTime.now(ZoneId.systemDefault()).minusSeconds(spanSec);
        long rareEvery = n / 10;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = 0; i < n; i++) {
                LocalDateTime t = start.plusSeconds(i * spanSec / n);
                String host = "host" + String.format("%03d", r.nextInt(200));
                int pid = 1000 + r.nextInt(60000);
                // clients come from a pool of 5,000 addresses, a few of them very busy (as scanners are)
            int k = r.nextInt(10) < 3 ? r.nextInt(20) : r.nextInt(5000);
            String ip = "10." + (k / 250) + "." + (k % 250) + "." + (1 + k % 7);
                String body = switch (r.nextInt(6)) {
                    case 0 -> "sshd[" + pid + "]: Failed password for invalid user " + users[r.nextInt(users.length)]
                            + " from " + ip + " port " + (1024 + r.nextInt(60000)) + " ssh2";
                    case 1 -> "sshd[" + pid + "]: Accepted publickey for " + users[r.nextInt(users.length)] + " from "
                            + ip + " port " + (1024 + r.nextInt(60000)) + " ssh2";
                    case 2 -> "CRON[" + pid + "]: (root) CMD (run-parts /etc/cron.hourly)";
                    case 3 -> "kernel: [" + r.nextInt(999999) + "." + r.nextInt(999999) + "] eth0: link up, speed "
                            + (r.nextBoolean() ? 1000 : 100) + " Mbps";
                    case 4 -> "postfix/smtp[" + pid + "]: " + Long.toHexString(r.nextLong()).substring(0, 10).toUpperCase()
                            + ": to=<" + users[r.nextInt(users.length)] + "@example.com>, relay=mx" + r.nextInt(9)
                            + ".example.com[" + ip + "]:25, delay=0." + r.nextInt(9) + ", dsn=2.0.0, status=sent (250 ok)";
                    default -> "app[" + pid + "]: user=" + users[r.nextInt(users.length)] + " action=login status=ok latency_ms="
                            + r.nextInt(500);
                };
                if (rareEvery > 0 && i % rareEvery == rareEvery / 2) {
                    body = body + " " + RARE;
                }
                w.write(f.format(t) + " " + host + " " + body);
                w.write('\n');
            }
        }
    }

    static void ingest(Path file, Path data) throws Exception {
        int batchSize = 8192;
        StoreOptions o = StoreOptions.defaults(data).withCommitInterval(Duration.ofSeconds(Long.getLong("commit", 1)));
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        long n = 0;
        String lastLine = null;
        try (LuceneEventStore store = new LuceneEventStore(o);
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Event> batch = new ArrayList<>(batchSize);
            Instant now = Instant.now();
            String line;
            while ((line = in.readLine()) != null) {
                batch.add(Event.builder().received(now).raw(line.getBytes(StandardCharsets.UTF_8)).source("bench").build());
                lastLine = line;
                if (batch.size() == batchSize) {
                    store.append(batch);
                    n += batch.size();
                    batch = new ArrayList<>(batchSize);
                }
            }
            store.append(batch);
            n += batch.size();
            long appended = System.nanoTime();
            // visible: the last event's text found by search (the periodic refresh, no forced flush)
            Filter last = Filter.and(Filter.term(lastLine.split(" ")[3]), new Filter.RawPhrase(lastLine.substring(16)));
            while (store.count(EventQuery.of(last)) == 0) {
                Thread.sleep(10);
            }
            long visible = System.nanoTime();
            double secs = (visible - t0) / 1e9;
            double cpuUs = (cpuNanos() - cpu0) / 1e3 / n;
            System.out.printf(Locale.ROOT, "ingest events=%d seconds=%.2f events_per_s=%.0f cpu_us_per_event=%.1f "
                    + "visible_after_last_append_ms=%.0f heap_used_mb=%d%n",
                    n, secs, n / secs, cpuUs, (visible - appended) / 1e6,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            // what a running node reaches five idle minutes later: every past day merged to one segment (not timed)
            store.compactPastDays(Duration.ZERO);
        }
    }

    static void query(Path data, int runs, boolean cache) throws Exception {
        StoreOptions o = StoreOptions.defaults(data);
        if (!cache) {
            o = o.withAggregationCacheBytes(0); // every run counts from doc values
        }
        System.out.println("aggregation cache " + (cache ? "on" : "off"));
        try (LuceneEventStore store = new LuceneEventStore(o)) {
            time("rare_term", runs, () -> {
                try (var s = store.search(EventQuery.of(Filter.term(RARE)))) {
                    return s.count();
                }
            });
            time("stats_count_by_host", runs, () -> store.countBy(EventQuery.all(), "host", 0).size());
            time("timechart_1h_by_sourcetype", runs,
                    () -> store.histogram(EventQuery.all(), Duration.ofHours(1), "sourcetype").size());
            time("top10_src", runs, () -> store.countBy(EventQuery.all(), "src", 10).get(0).count());
            System.out.printf("heap_max_mb=%d%n", Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    interface Q {
        Object run() throws Exception;
    }

    /** The first run (cold: nothing cached, code not compiled yet), 20 untimed runs, then {@code runs} timed ones. */
    static void time(String name, int runs, Q q) throws Exception {
        double[] ms = new double[runs];
        long t0 = System.nanoTime();
        Object result = q.run();
        double first = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 20; i++) {
            q.run();
        }
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = q.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "query %s result=%s first_ms=%.1f p50_ms=%.2f max_ms=%.1f%n", name, result, first,
                sorted[runs / 2], sorted[runs - 1]);
    }
}

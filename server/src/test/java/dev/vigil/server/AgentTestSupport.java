package dev.vigil.server;

import dev.vigil.agent.ship.ShipperSettings;
import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.index.query.Filter;
import dev.vigil.ntp.source.WallClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Helpers of the agent shipping tests. */
final class AgentTestSupport {
    private AgentTestSupport() {
    }

    /** Plain TCP to a local node, quick reconnects, no clock measurement. */
    static ShipperSettings plain(int port, String agentId) {
        return ShipperSettings.of("127.0.0.1", port, null, agentId, "web1")
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500))
                .withClock(0, Duration.ofMinutes(1), WallClock.SYSTEM);
    }

    /** Which sequence numbers of {@code agentId} a data directory's index holds, and which more than once. */
    record Seqs(BitSet seen, List<Long> duplicates, long count) {
        /** The first sequence number in 1..n that is missing, or -1. */
        long firstMissing(long n) {
            int i = seen.nextClearBit(1);
            return i <= n ? i : -1;
        }
    }

    /** Reads the stored events of an agent (the node must be stopped: the store is opened here). */
    static Seqs seqs(Path data, String agentId, Consumer<StoredEvent> each) throws Exception {
        BitSet seen = new BitSet();
        List<Long> dup = new ArrayList<>();
        long[] count = {0};
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(data));
             Stream<StoredEvent> s = store.search(EventQuery.of(new Filter.FieldMatch("agent_id", agentId))
                     .order(EventQuery.Order.ANY))) {
            s.forEach(e -> {
                count[0]++;
                int seq = Integer.parseInt(e.get("agent_seq"));
                if (seen.get(seq)) {
                    dup.add((long) seq);
                }
                seen.set(seq);
                each.accept(e);
            });
        }
        return new Seqs(seen, dup, count[0]);
    }

    /** A log file of {@code n} distinct lines, each ending in {@code seq=<line number>}. */
    static Path logFile(Path file, int n, String host) throws Exception {
        java.nio.file.Files.createDirectories(file.getParent());
        try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(file)) {
            for (int i = 1; i <= n; i++) {
                w.write(new String(GeneratedShipQueue.body(i, host), java.nio.charset.StandardCharsets.UTF_8));
                w.write('\n');
            }
        }
        return file;
    }

    /** An agent.yml shipping {@code log} over TLS (trusting {@code ca}) to 127.0.0.1:{@code port}. */
    static dev.vigil.agent.config.AgentConfig agentConfig(Path dir, String host, int port, Path ca, Path log,
            int ntpPort) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        Path f = dir.resolve("agent.yml");
        java.nio.file.Files.writeString(f, "host: " + host + "\n"
                + "server: {host: 127.0.0.1, port: " + port + ", tls: {ca: " + ca + "}}\n"
                + "queue: {dir: " + dir.resolve("queue") + "}\n"
                + "inputs:\n  - path: " + log + "\n    sourcetype: linux_secure\n"
                + (ntpPort > 0 ? "ntp: {port: " + ntpPort + "}\n" : "ntp: {enabled: false}\n")
                + "stats_interval: 1h\n");
        return dev.vigil.agent.config.AgentConfig.load(f);
    }

    /** Which line numbers ({@code seq=N} at the end of {@code _raw}) the index holds, and which more than once. */
    static Seqs lines(Path data, String host) throws Exception {
        BitSet seen = new BitSet();
        List<Long> dup = new ArrayList<>();
        long[] count = {0};
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(data));
             Stream<StoredEvent> s = store.search(EventQuery.of(new Filter.FieldMatch("host", host))
                     .order(EventQuery.Order.ANY))) {
            s.forEach(e -> {
                count[0]++;
                int line = Integer.parseInt(e.raw().substring(e.raw().lastIndexOf("seq=") + 4));
                if (seen.get(line)) {
                    dup.add((long) line);
                }
                seen.set(line);
            });
        }
        return new Seqs(seen, dup, count[0]);
    }

    static String get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String search(int httpPort, String spl) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"query\":\"" + spl.replace("\"", "\\\"") + "\",\"earliest\":\"0\",\"format\":\"json\"}"))
                .build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }
}

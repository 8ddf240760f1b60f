package dev.vigil.index.retention;

import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.LuceneEventStore.PartitionInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies retention policies per index: each policy is evaluated on its own (time-based retention
 * never waits for size), the union of their choices is deleted, and each deletion is logged with the
 * index, the day, the size and the reason. Policies under the name {@code *} apply to every index
 * without policies of its own.
 */
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private final Map<String, List<RetentionPolicy>> policies = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong deletedCount = new java.util.concurrent.atomic.AtomicLong();

    /** Adds a policy for an index ({@code *}: every index without its own). */
    public Retention add(String index, RetentionPolicy policy) {
        policies.computeIfAbsent(index, k -> new ArrayList<>()).add(policy);
        return this;
    }

    /** Keeps an index forever: the {@code *} policies do not apply to it. */
    public Retention keep(String index) {
        policies.computeIfAbsent(index, k -> new ArrayList<>());
        return this;
    }

    /** Partitions deleted by this object's runs so far. */
    public long deletedPartitions() {
        return deletedCount.get();
    }

    /** One deleted partition. */
    public record Deletion(String index, java.time.LocalDate day, long sizeBytes, String reason) {
    }

    /**
     * Runs the policies now and then every {@code every} on a daemon thread until the returned handle is
     * closed; a failing run is logged and the next one still happens. Closing waits for a run in progress
     * to finish (it is not interrupted: an interrupted write could damage an index).
     */
    public AutoCloseable schedule(LuceneEventStore store, java.time.Duration every) {
        java.util.concurrent.ScheduledExecutorService s = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-retention");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                run(store, Instant.now());
            } catch (IOException | RuntimeException e) {
                LOG.error("retention run failed", e);
            }
        }, 0, every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return () -> {
            s.shutdown();
            if (!s.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("a retention run is still in progress after 60 s");
            }
        };
    }

    /** Runs every policy once at {@code now}; returns what was deleted. */
    public List<Deletion> run(LuceneEventStore store, Instant now) throws IOException {
        store.commit(); // sizes measured on committed indexes, not on what the next commit will rewrite
        Map<String, List<PartitionInfo>> byIndex = new LinkedHashMap<>();
        for (PartitionInfo p : store.partitions()) {
            byIndex.computeIfAbsent(p.index(), k -> new ArrayList<>()).add(p);
        }
        List<Deletion> deleted = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> e : byIndex.entrySet()) {
            List<RetentionPolicy> ps = policies.getOrDefault(e.getKey(), policies.getOrDefault("*", List.of()));
            Map<PartitionInfo, String> victims = new LinkedHashMap<>();
            for (RetentionPolicy policy : ps) {
                for (PartitionInfo p : policy.select(e.getValue(), now)) {
                    victims.putIfAbsent(p, policy.reason(p));
                }
            }
            Set<PartitionInfo> done = new LinkedHashSet<>();
            for (Map.Entry<PartitionInfo, String> v : victims.entrySet()) {
                PartitionInfo p = v.getKey();
                if (done.add(p) && store.deletePartition(p.index(), p.day())) {
                    LOG.info("retention deleted partition {}/{} ({} bytes): {}", p.index(), p.day(), p.sizeBytes(), v.getValue());
                    deleted.add(new Deletion(p.index(), p.day(), p.sizeBytes(), v.getValue()));
                    deletedCount.incrementAndGet();
                }
            }
        }
        return deleted;
    }
}

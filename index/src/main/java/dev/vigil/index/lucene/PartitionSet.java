package dev.vigil.index.lucene;

import dev.vigil.index.EventPreparer;
import dev.vigil.index.EventQuery;
import dev.vigil.index.StoredEvent;
import dev.vigil.index.query.Matching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The partitions of a store: found on disk at open, created for new (index, day) pairs, selected for queries. */
final class PartitionSet {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionSet.class);
    private final Path root;
    private final Map<String, Partition> byKey = new ConcurrentHashMap<>();

    /** Finds every {@code <index>/<yyyy-mm-dd>} directory under {@code root}. */
    PartitionSet(Path root) throws IOException {
        this.root = root;
        try (Stream<Path> indexes = Files.list(root)) {
            for (Path ix : (Iterable<Path>) indexes::iterator) {
                String name = ix.getFileName().toString();
                if (!Files.isDirectory(ix) || !IndexNames.isValid(name)) {
                    continue;
                }
                try (Stream<Path> days = Files.list(ix)) {
                    for (Path d : (Iterable<Path>) days::iterator) {
                        try {
                            LocalDate day = LocalDate.parse(d.getFileName().toString());
                            byKey.put(key(name, day), new Partition(name, day, d));
                        } catch (DateTimeParseException e) {
                            LOG.warn("ignoring {}: not a yyyy-mm-dd partition directory", d);
                        }
                    }
                }
            }
        }
    }

    private static String key(String index, LocalDate day) {
        return index + "/" + day;
    }

    private static LocalDate dayOf(StoredEvent e) {
        return LocalDate.ofEpochDay(Math.floorDiv(Math.floorDiv(e.timeMicros(), 1_000_000L), 86_400L));
    }

    /** The event's partition, or null when it does not exist yet. */
    Partition lookup(StoredEvent e) {
        return byKey.get(key(e.index(), dayOf(e)));
    }

    /** The event's partition, created when needed (the index name is checked). */
    Partition create(StoredEvent e) {
        IndexNames.check(e.index());
        LocalDate day = dayOf(e);
        return byKey.computeIfAbsent(key(e.index(), day),
                x -> new Partition(e.index(), day, root.resolve(e.index()).resolve(day.toString())));
    }

    /** Removes a partition from the set; null when absent. */
    Partition remove(String index, LocalDate day) {
        return byKey.remove(key(index, day));
    }

    Collection<Partition> values() {
        return byKey.values();
    }

    /** Names of the indexes holding partitions, sorted. */
    List<String> indexes() {
        TreeSet<String> names = new TreeSet<>();
        for (Partition p : byKey.values()) {
            names.add(p.index);
        }
        return new ArrayList<>(names);
    }

    /** The partitions a query may touch (time range and index names), newest day first. */
    List<Partition> select(EventQuery q) {
        long lo = q.earliest() == null ? Long.MIN_VALUE : EventPreparer.micros(q.earliest());
        long hi = q.latest() == null ? Long.MAX_VALUE : EventPreparer.micros(q.latest());
        List<Partition> out = new ArrayList<>();
        for (Partition p : byKey.values()) {
            if (p.endMicros() > lo && p.startMicros() < hi && selected(q.indexes(), p.index)) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing((Partition p) -> p.day).reversed().thenComparing(p -> p.index));
        return out;
    }

    private static boolean selected(List<String> indexes, String index) {
        if (indexes.isEmpty()) {
            return true;
        }
        for (String pattern : indexes) {
            if (Matching.valueMatches(index, pattern)) {
                return true;
            }
        }
        return false;
    }
}

package dev.vigil.search.client;

import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import dev.vigil.search.exec.SearchLimits;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.exec.Searcher;
import dev.vigil.search.store.IndexSearchSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/** A search straight on a data directory: opens its index, runs the query, closes the index. */
public final class DataDirSearch {
    private DataDirSearch() {}

    /** Runs {@code query}; lookups come from {@code DIR/lookups}. */
    public static SearchResult run(Path dataDir, String query, String earliest, String latest, ZoneId zone)
            throws IOException {
        if (!Files.isDirectory(dataDir)) throw new IOException("data directory " + dataDir + " does not exist");
        try (LuceneEventStore store = new LuceneEventStore(StoreOptions.defaults(dataDir))) {
            Searcher s = new Searcher(new IndexSearchSource(store), dataDir.resolve("lookups"), zone,
                    SearchLimits.defaults());
            return s.search(query, earliest, latest);
        }
    }

    /** The search time zone: {@code TZ} when set (with or without a leading ':'), else the system's. */
    public static ZoneId zoneFromEnv() {
        String tz = System.getenv("TZ");
        if (tz != null && !tz.isBlank()) {
            try {
                return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (RuntimeException e) {
                // an unknown TZ falls back to the system zone, as the C library falls back to UTC-ish defaults
            }
        }
        return ZoneId.systemDefault();
    }
}

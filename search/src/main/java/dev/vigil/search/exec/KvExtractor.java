package dev.vigil.search.exec;

import dev.vigil.index.extract.FieldExtractor;
import java.util.Map;

/**
 * Search-time field extraction, Splunk's KV_MODE=auto, using the index module's extractor so the fields a
 * search sees equal those the index stored. Fields already present are kept.
 */
final class KvExtractor {
    private KvExtractor() {}

    static void extract(String raw, Row row) {
        if (raw == null || raw.indexOf('=') < 0) return;
        for (Map.Entry<String, Object> e : FieldExtractor.kv(raw).entrySet()) {
            if (!row.has(e.getKey())) {
                Object v = e.getValue();
                row.put(e.getKey(), v instanceof java.util.List<?> l ? java.util.List.copyOf(l) : v);
            }
        }
    }
}

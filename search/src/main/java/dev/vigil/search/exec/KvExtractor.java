package dev.vigil.search.exec;

/**
 * Search-time field extraction, Splunk's KV_MODE=auto: every {@code key=value} and {@code key="quoted"} in
 * {@code _raw}, delegated to the index module's extractor so index and search agree. Fields already present
 * are kept.
 */
final class KvExtractor {
    private KvExtractor() {}

    static void extract(String raw, Row row) {
        if (raw == null || raw.indexOf('=') < 0) return;
        java.util.Map<String, Object> kv = Kv.extract(raw);
        for (java.util.Map.Entry<String, Object> e : kv.entrySet()) {
            if (!row.has(e.getKey())) row.put(e.getKey(), e.getValue());
        }
    }
}

package dev.vigil.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.index.retention.Retention;
import dev.vigil.index.retention.SizeBasedRetention;
import dev.vigil.index.retention.TimeBasedRetention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code index.retention} block of vigil.yml: a default age and size limit for every index, and
 * per-index limits that override the default key by key (as Splunk's indexes.conf stanzas override
 * [default]). Either limit may be {@code none}.
 *
 * <pre>
 * index:
 *   retention:
 *     default: {max_age: 90d, max_size: 50GB}
 *     per_index:
 *       web: {max_age: 30d}
 *     every: 1h
 * </pre>
 */
public final class RetentionSettings {
    private static final Set<String> KEYS = Set.of("default", "per_index", "every");
    private static final Set<String> LIMIT_KEYS = Set.of("max_age", "max_size");
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhdw])");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?");

    /** Limits of one index; null = no limit of that kind. */
    public record Limits(Duration maxAge, Long maxBytes) {
    }

    /** Limits of every index without its own entry. */
    public Limits defaults = new Limits(null, null);
    /** Per-index limits, already merged with the defaults. */
    public final Map<String, Limits> perIndex = new LinkedHashMap<>();
    /** How often retention runs (it also runs once at start). */
    public Duration every = Duration.ofHours(1);

    /** Reads {@code index.retention}; errors name {@code file}:line. */
    static RetentionSettings parse(Path file, JsonNode n) throws ServerSettings.ConfigError {
        if (!n.isObject()) {
            throw error(file, "retention", "expects a mapping with default, per_index, every");
        }
        checkKeys(file, n, KEYS);
        RetentionSettings r = new RetentionSettings();
        if (n.has("default")) {
            r.defaults = limits(file, n.get("default"), new Limits(null, null), "default");
        }
        JsonNode per = n.path("per_index");
        if (!per.isMissingNode() && !per.isObject()) {
            throw error(file, "per_index", "expects a mapping of index names to {max_age, max_size}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = per.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!dev.vigil.index.lucene.IndexNames.isValid(e.getKey())) {
                throw error(file, e.getKey(), "'" + e.getKey() + "' is not an index name (lowercase letters, digits, _ and -)");
            }
            r.perIndex.put(e.getKey(), limits(file, e.getValue(), r.defaults, e.getKey()));
        }
        if (n.has("every")) {
            r.every = age(file, "every", n.get("every"));
            if (r.every == null) {
                throw error(file, "every", "expects a duration such as 1h, found none");
            }
        }
        return r;
    }

    private static Limits limits(Path file, JsonNode n, Limits base, String where) throws ServerSettings.ConfigError {
        if (!n.isObject()) {
            throw error(file, where, "expects {max_age: …, max_size: …}");
        }
        checkKeys(file, n, LIMIT_KEYS);
        Duration age = n.has("max_age") ? age(file, "max_age", n.get("max_age")) : base.maxAge();
        Long size = n.has("max_size") ? size(file, n.get("max_size")) : base.maxBytes();
        return new Limits(age, size);
    }

    private static void checkKeys(Path file, JsonNode n, Set<String> allowed) throws ServerSettings.ConfigError {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw error(file, k, "unknown setting '" + k + "', expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    /** {@code 90d}, {@code 12h}, {@code 30m}, {@code 45s}, {@code 2w}; {@code none} = no limit. */
    static Duration age(Path file, String key, JsonNode v) throws ServerSettings.ConfigError {
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return null;
        }
        Matcher m = AGE.matcher(s);
        if (!v.isValueNode() || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(file, key, "expects a positive duration such as 90d, 12h, 30m, 45s or 2w (or none), found '"
                    + v.asText() + "'");
        }
        long x = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(x);
            case "m" -> Duration.ofMinutes(x);
            case "h" -> Duration.ofHours(x);
            case "d" -> Duration.ofDays(x);
            default -> Duration.ofDays(7 * x);
        };
    }

    /** {@code 50GB}, {@code 500MB}, {@code 1TB}, plain bytes; units are powers of 1024; {@code none} = no limit. */
    static Long size(Path file, JsonNode v) throws ServerSettings.ConfigError {
        String s = v.asText().trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return null;
        }
        Matcher m = SIZE.matcher(s);
        if (!v.isValueNode() || !m.matches()) {
            throw error(file, "max_size", "expects a size such as 50GB, 500MB or 1TB (or none), found '" + v.asText() + "'");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        long x = Long.parseLong(m.group(1));
        if (x == 0 || x > (Long.MAX_VALUE >> shift)) {
            throw error(file, "max_size", "size '" + v.asText() + "' must be positive and below 8 EiB");
        }
        return x << shift;
    }

    private static ServerSettings.ConfigError error(Path file, String key, String what) {
        return new ServerSettings.ConfigError(file + ":" + line(file, key) + ": " + key + ": " + what);
    }

    /** The first line defining {@code key}, in block or flow style ({@code {max_age: 1d}}); 1 when not found. */
    private static int line(Path file, String key) {
        Pattern p = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key) + "\\s*:");
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find()) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException ignored) {
            // the file was read a moment ago; without it the message still names the file
        }
        return 1;
    }

    /** True when some index has a limit. */
    public boolean any() {
        return defaults.maxAge() != null || defaults.maxBytes() != null
                || perIndex.values().stream().anyMatch(l -> l.maxAge() != null || l.maxBytes() != null);
    }

    /** The policies: per-index entries for their indexes, the defaults for every other index. */
    public Retention policies() {
        Retention r = new Retention();
        for (Map.Entry<String, Limits> e : perIndex.entrySet()) {
            add(r, e.getKey(), e.getValue());
            if (e.getValue().maxAge() == null && e.getValue().maxBytes() == null) {
                r.keep(e.getKey());
            }
        }
        add(r, "*", defaults);
        return r;
    }

    private static void add(Retention r, String index, Limits l) {
        if (l.maxAge() != null) {
            r.add(index, new TimeBasedRetention(l.maxAge()));
        }
        if (l.maxBytes() != null) {
            r.add(index, new SizeBasedRetention(l.maxBytes()));
        }
    }

    @Override
    public String toString() {
        return "default " + defaults + ", per index " + perIndex + ", every " + every;
    }
}

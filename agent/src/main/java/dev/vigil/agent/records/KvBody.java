package dev.vigil.agent.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The text of a login or accounting event: an ISO-8601 UTC timestamp, then {@code key=value} pairs in the form
 * Splunk's automatic key-value extraction reads. A value with spaces, quotes, '=' or control characters is
 * quoted, with {@code \"}, {@code \\} and {@code \xNN} escapes (user names in btmp come from whoever tried to
 * log in); empty values are left out.
 */
final class KvBody {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder sb = new StringBuilder(160);

    KvBody(Instant time) {
        sb.append(ISO.format(time));
    }

    KvBody put(String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        sb.append(' ').append(key).append('=');
        if (!needsQuotes(value)) {
            sb.append(value);
            return this;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
        return this;
    }

    KvBody put(String key, long value) {
        return put(key, Long.toString(value));
    }

    private static boolean needsQuotes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    byte[] bytes() {
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}

package dev.vigil.index.extract;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache/NCSA access logs ({@code access_combined}, {@code access_common}): Splunk's field names
 * (clientip, ident, user, method, uri, uri_path, uri_query, version, status, bytes, referer,
 * useragent) and the W3C names Sigma web rules use (c-ip, cs-username, cs-method, c-uri, cs-uri-stem,
 * cs-uri-query, c-uri-extension, cs-version, sc-status, sc-bytes, cs-referer, c-useragent,
 * cs-user-agent). Fields whose value is {@code -} are left out, as Splunk leaves them out.
 */
final class AccessLog {
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"((\\S+) (\\S+)(?: (\\S+))?|[^\"]*)\" (\\d{3}|-) (\\d+|-)"
                    + "(?: \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\")?");

    private AccessLog() {
    }

    static boolean looksLike(String s) {
        int b = s.indexOf(" [");
        return b > 0 && b < 200 && s.indexOf("] \"", b) > 0 && LINE.matcher(s).lookingAt();
    }

    static Instant extract(String s, Map<String, Object> f) {
        Matcher m = LINE.matcher(s);
        if (!m.lookingAt()) {
            return null;
        }
        put(f, "clientip", m.group(1), "c-ip");
        put(f, "ident", m.group(2), null);
        put(f, "user", m.group(3), "cs-username");
        if (m.group(6) != null) {
            put(f, "method", m.group(6), "cs-method");
            String uri = m.group(7);
            put(f, "uri", uri, "c-uri");
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            put(f, "uri_path", path, "cs-uri-stem");
            if (q >= 0) {
                put(f, "uri_query", uri.substring(q + 1), "cs-uri-query");
            }
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            if (dot > slash && dot < path.length() - 1) {
                f.put("c-uri-extension", path.substring(dot + 1));
            }
            put(f, "version", m.group(8), "cs-version");
        }
        put(f, "status", m.group(9), "sc-status");
        put(f, "bytes", m.group(10), "sc-bytes");
        if (m.group(11) != null) {
            put(f, "referer", m.group(11), "cs-referer");
            String ua = m.group(12);
            put(f, "useragent", ua, "c-useragent");
            if (ua != null && !ua.equals("-")) {
                f.put("cs-user-agent", ua);
            }
        }
        return time(m.group(4));
    }

    private static void put(Map<String, Object> f, String name, String value, String w3c) {
        if (value == null || value.equals("-") || value.isEmpty()) {
            return;
        }
        f.put(name, value);
        if (w3c != null) {
            f.put(w3c, value);
        }
    }

    /** {@code 10/Oct/2000:13:55:36 -0700} (Apache's %t). */
    static Instant time(String t) {
        if (t.length() < 20 || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':') {
            return null;
        }
        int day = Times.digits(t, 0, 2);
        int month = Times.month(t, 3);
        int year = Times.digits(t, 7, 11);
        int h = Times.digits(t, 12, 14);
        int mi = Times.digits(t, 15, 17);
        int sec = Times.digits(t, 18, 20);
        if (day < 1 || month < 1 || year < 0 || h < 0 || mi < 0 || sec < 0) {
            return null;
        }
        try {
            java.time.LocalDateTime l = java.time.LocalDateTime.of(year, month, day, h, mi, Math.min(sec, 59));
            if (t.length() >= 26 && (t.charAt(21) == '+' || t.charAt(21) == '-')) {
                int oh = Times.digits(t, 22, 24);
                int om = Times.digits(t, 24, 26);
                int off = (oh * 3600 + om * 60) * (t.charAt(21) == '-' ? -1 : 1);
                return l.toInstant(java.time.ZoneOffset.ofTotalSeconds(off));
            }
            return l.atZone(java.time.ZoneId.systemDefault()).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}

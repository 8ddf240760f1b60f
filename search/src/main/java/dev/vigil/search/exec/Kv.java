package dev.vigil.search.exec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KV_MODE=auto pairs: a key (letter or underscore, then letters, digits, underscores) right
 * before {@code =}, then a quoted value or a run to the next whitespace without a trailing ',' or ';'.
 * At most {@link #MAX_PAIRS} pairs per event; repeated keys become multivalue.
 */
final class Kv {
    static final int MAX_PAIRS = 100;

    private Kv() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> extract(String s) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = s.length(), pairs = 0;
        int eq = s.indexOf('=');
        while (eq > 0 && pairs < MAX_PAIRS) {
            int ks = eq;
            while (ks > 0 && isKeyChar(s.charAt(ks - 1))) ks--;
            if (ks < eq && (Character.isLetter(s.charAt(ks)) || s.charAt(ks) == '_') && eq + 1 < n) {
                String key = s.substring(ks, eq);
                int vs = eq + 1, ve;
                String value;
                if (s.charAt(vs) == '"') {
                    int close = s.indexOf('"', vs + 1);
                    ve = close < 0 ? n : close + 1;
                    value = s.substring(vs + 1, close < 0 ? n : close);
                } else {
                    ve = vs;
                    while (ve < n && !Character.isWhitespace(s.charAt(ve))) ve++;
                    int end = ve;
                    while (end > vs && (s.charAt(end - 1) == ',' || s.charAt(end - 1) == ';')) end--;
                    value = s.substring(vs, end);
                }
                if (!value.isEmpty()) {
                    Object prev = out.get(key);
                    if (prev == null) out.put(key, value);
                    else if (prev instanceof List<?> l) ((List<Object>) l).add(value);
                    else out.put(key, new ArrayList<>(List.of(prev, value)));
                    pairs++;
                }
                eq = s.indexOf('=', Math.max(ve, eq + 1));
            } else {
                eq = s.indexOf('=', eq + 1);
            }
        }
        out.replaceAll((k, v) -> v instanceof List<?> l ? List.copyOf(l) : v);
        return out;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

package dev.vigil.index.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splunk's KV_MODE=auto: every {@code key=value} and {@code key="quoted value"} in the text. Keys are
 * a letter or {@code _} followed by letters, digits and {@code _}; an unquoted value runs to the next
 * whitespace, with a trailing {@code ,} or {@code ;} left out; empty values are skipped; a repeated key
 * becomes a multivalue field.
 */
final class Kv {
    /** Pairs beyond this many per event are ignored (a bound on work per event). */
    static final int MAX_PAIRS = 100;

    private Kv() {
    }

    static void extract(String s, Map<String, Object> out) {
        int n = s.length();
        int pairs = 0;
        int eq = s.indexOf('=');
        while (eq > 0 && pairs < MAX_PAIRS) {
            int ks = eq;
            while (ks > 0 && isKeyChar(s.charAt(ks - 1))) {
                ks--;
            }
            if (ks < eq && isKeyStart(s.charAt(ks)) && eq + 1 < n) {
                String key = s.substring(ks, eq);
                int vs = eq + 1;
                int ve;
                String value;
                if (s.charAt(vs) == '"') {
                    int close = s.indexOf('"', vs + 1);
                    ve = close < 0 ? n : close + 1;
                    value = s.substring(vs + 1, close < 0 ? n : close);
                } else {
                    ve = vs;
                    while (ve < n && !Character.isWhitespace(s.charAt(ve))) {
                        ve++;
                    }
                    int vEnd = ve;
                    while (vEnd > vs && (s.charAt(vEnd - 1) == ',' || s.charAt(vEnd - 1) == ';')) {
                        vEnd--;
                    }
                    value = s.substring(vs, vEnd);
                }
                if (!value.isEmpty()) {
                    put(out, key, value);
                    pairs++;
                }
                eq = s.indexOf('=', Math.max(ve, eq + 1));
            } else {
                eq = s.indexOf('=', eq + 1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> out, String key, String value) {
        Object old = out.get(key);
        if (old == null) {
            out.put(key, value);
        } else if (old instanceof List<?> l) {
            ((List<String>) l).add(value);
        } else {
            List<String> l = new ArrayList<>(2);
            l.add(old.toString());
            l.add(value);
            out.put(key, l);
        }
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static boolean isKeyStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }
}

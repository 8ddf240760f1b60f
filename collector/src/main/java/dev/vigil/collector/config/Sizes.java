package dev.vigil.collector.config;

import java.util.Locale;

/** rsyslog's size values: a number with an optional k/m/g suffix (powers of 1000, K/M/G of 1024). */
final class Sizes {
    private Sizes() {
    }

    static long parse(String v) {
        String s = v.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        char last = s.charAt(s.length() - 1);
        long mult = 1;
        if (Character.isLetter(last)) {
            s = s.substring(0, s.length() - 1);
            switch (last) {
                case 'k': mult = 1000; break;
                case 'm': mult = 1000_000; break;
                case 'g': mult = 1000_000_000; break;
                case 'K': mult = 1024; break;
                case 'M': mult = 1024 * 1024; break;
                case 'G': mult = 1024L * 1024 * 1024; break;
                default: throw new IllegalArgumentException("unknown size suffix '" + last + "' in " + v);
            }
        }
        try {
            return Long.parseLong(s.toLowerCase(Locale.ROOT).trim()) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a size");
        }
    }
}

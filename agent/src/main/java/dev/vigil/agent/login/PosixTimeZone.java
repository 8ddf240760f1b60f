package dev.vigil.agent.login;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * POSIX TZ strings (POSIX.1-2017 §8.3, as glibc reads them): {@code std offset [dst [offset] [,start[/time],
 * end[/time]]]} with {@code Mm.w.d}, {@code Jn} or {@code n} dates. Zones with daylight saving time are
 * registered with java.time under a synthetic id so that they work wherever a ZoneId does.
 */
final class PosixTimeZone {
    /**
     * Rules for a DST zone given without any: glibc shifts the transitions of its posixrules file
     * (America/New_York, US rules since 2007) by the zone's offsets, which puts them at these wall times;
     * found by comparing with date(1) and last(1), see the tests.
     */
    private static String defaultRules(int stdEast, int dstEast) {
        return ",M3.2.0/" + hms(12 * 3600 + 2 * stdEast) + ",M11.1.0/" + hms(6 * 3600 + 2 * dstEast);
    }

    private static String hms(int secs) {
        int a = Math.abs(secs);
        return (secs < 0 ? "-" : "") + a / 3600 + ":" + (a / 60) % 60 + ":" + a % 60;
    }

    private int pos;
    private final String s;

    private PosixTimeZone(String s) {
        this.s = s;
    }

    /** @return the zone, or null when the text is not a POSIX TZ string */
    static ZoneId parse(String tz) {
        try {
            return new PosixTimeZone(tz).zone();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ZoneId zone() {
        name();
        int std = -offset();
        if (pos == s.length()) {
            return ZoneOffset.ofTotalSeconds(std);
        }
        name();
        int dst = std + 3600;
        if (pos < s.length() && s.charAt(pos) != ',') {
            dst = -offset();
        }
        String rules = pos < s.length() ? s.substring(pos) : defaultRules(std, dst);
        pos = 0;
        PosixTimeZone r = new PosixTimeZone(rules);
        r.expect(',');
        int[] start = r.date();
        int startTime = r.time();
        r.expect(',');
        int[] end = r.date();
        int endTime = r.time();
        if (r.pos != rules.length()) {
            throw new IllegalArgumentException("trailing text in " + s);
        }
        ZoneOffset so = ZoneOffset.ofTotalSeconds(std);
        ZoneOffset dO = ZoneOffset.ofTotalSeconds(dst);
        List<ZoneOffsetTransitionRule> last = new ArrayList<>();
        last.add(rule(start, startTime, so, so, dO));
        last.add(rule(end, endTime, so, dO, so));
        last.sort(Comparator.comparing(ZoneOffsetTransitionRule::getMonth)
                .thenComparingInt(ZoneOffsetTransitionRule::getDayOfMonthIndicator));
        // java.time (17) applies last rules only after a listed transition: list those of year 1900
        List<java.time.zone.ZoneOffsetTransition> first = new ArrayList<>();
        for (ZoneOffsetTransitionRule r1 : last) {
            first.add(r1.createTransition(1900));
        }
        first.sort(Comparator.comparing(java.time.zone.ZoneOffsetTransition::getInstant));
        ZoneOffset base = first.get(0).getOffsetBefore();
        return Registry.register(s, ZoneRules.of(so, base, List.of(), first, last));
    }

    /** {@code Mm.w.d} as month, day indicator and day of week; {@code Jn} and {@code n} as a fixed date. */
    private int[] date() {
        char c = s.charAt(pos);
        if (c == 'M') {
            pos++;
            int m = number();
            expect('.');
            int w = number();
            expect('.');
            int d = number();
            if (m < 1 || m > 12 || w < 1 || w > 5 || d > 6) {
                throw new IllegalArgumentException("bad date in " + s);
            }
            return new int[] {m, w == 5 ? -1 : 1 + 7 * (w - 1), d == 0 ? 7 : d};
        }
        boolean julian = c == 'J';
        if (julian) {
            pos++;
        }
        int n = number();
        // Jn counts 1..365 without Feb 29; n counts 0..365 (with Feb 29, taken here as in a common year)
        java.time.LocalDate d = java.time.LocalDate.ofYearDay(2001, julian ? n : n + 1);
        return new int[] {d.getMonthValue(), d.getDayOfMonth(), 0};
    }

    /**
     * A java.time rule; times outside 0..24h (glibc allows -167..167 hours) move the date, which the rule can
     * express for "w-th weekday" and "last weekday" dates as long as the day stays within the month.
     */
    private static ZoneOffsetTransitionRule rule(int[] date, int time, ZoneOffset std, ZoneOffset before,
                                                 ZoneOffset after) {
        boolean endOfDay = time == 86400;
        int days = endOfDay ? 0 : Math.floorDiv(time, 86400);
        LocalTime t = endOfDay ? LocalTime.MIDNIGHT : LocalTime.ofSecondOfDay(Math.floorMod(time, 86400));
        int month = date[0];
        int indicator = date[1];
        DayOfWeek dow = date[2] == 0 ? null : DayOfWeek.of(date[2]);
        if (days != 0) {
            int shifted = indicator + days;
            if (indicator > 0 && shifted < 1 && month > 1) {
                // e.g. the Saturday before the first Sunday of November: on or after October 31
                month--;
                shifted += Month.of(month).length(false);
            }
            boolean valid = indicator > 0 ? shifted >= 1 && shifted <= 31 : shifted <= -1 && shifted >= -28;
            if (valid) {
                indicator = shifted;
                dow = dow == null ? null : dow.plus(days);
            } else {
                month = date[0];
            }
        }
        return ZoneOffsetTransitionRule.of(Month.of(month), indicator, dow, t, endOfDay,
                ZoneOffsetTransitionRule.TimeDefinition.WALL, std, before, after);
    }

    /** {@code /time}, default 02:00. */
    private int time() {
        if (pos < s.length() && s.charAt(pos) == '/') {
            pos++;
            return clock();
        }
        return 7200;
    }

    /** A zone name: three or more letters, or anything but '>' between angle brackets. */
    private void name() {
        int start = pos;
        if (s.charAt(pos) == '<') {
            pos = s.indexOf('>', pos) + 1;
            if (pos == 0) {
                throw new IllegalArgumentException("unclosed < in " + s);
            }
            return;
        }
        while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
            pos++;
        }
        if (pos - start < 3) {
            throw new IllegalArgumentException("zone name too short in " + s);
        }
    }

    /** {@code [+-]hh[:mm[:ss]]} in seconds; POSIX offsets are positive west of Greenwich. */
    private int offset() {
        return clock();
    }

    private int clock() {
        int sign = 1;
        if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
            sign = s.charAt(pos) == '-' ? -1 : 1;
            pos++;
        }
        int secs = number() * 3600;
        if (pos < s.length() && s.charAt(pos) == ':') {
            pos++;
            secs += number() * 60;
            if (pos < s.length() && s.charAt(pos) == ':') {
                pos++;
                secs += number();
            }
        }
        return sign * secs;
    }

    private int number() {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        return Integer.parseInt(s.substring(start, pos));
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + s);
        }
        pos++;
    }

    /** Hands java.time the rules of POSIX zones, one provider per zone (providers cannot add ids later). */
    private static final class Registry extends ZoneRulesProvider {
        private static final java.util.Map<String, ZoneId> ZONES = new java.util.HashMap<>();
        private final String id;
        private final ZoneRules rules;

        private Registry(String id, ZoneRules rules) {
            this.id = id;
            this.rules = rules;
        }

        static synchronized ZoneId register(String tz, ZoneRules rules) {
            ZoneId z = ZONES.get(tz);
            if (z == null) {
                String id = "VigilPosix/" + Integer.toHexString(tz.hashCode()) + "." + ZONES.size();
                ZoneRulesProvider.registerProvider(new Registry(id, rules));
                z = ZoneId.of(id);
                ZONES.put(tz, z);
            }
            return z;
        }

        @Override
        protected Set<String> provideZoneIds() {
            return Set.of(id);
        }

        @Override
        protected ZoneRules provideRules(String zoneId, boolean forCaching) {
            return rules;
        }

        @Override
        protected NavigableMap<String, ZoneRules> provideVersions(String zoneId) {
            return new TreeMap<>(java.util.Map.of("posix", rules));
        }
    }
}

package dev.vigil.agent.login;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time zone the C library takes from {@code TZ}, as a {@link ZoneId}: a zoneinfo file name (":" prefix
 * allowed), an absolute path to one, or a POSIX TZ string such as {@code CET-1CEST,M3.5.0,M10.5.0/3}
 * (POSIX.1-2017 §8.3). Java's own reading of {@code TZ} differs for POSIX strings with rules and for names
 * like {@code GMT+3}, where POSIX and Java disagree on the sign.
 */
public final class TimeZones {
    private static final Path ZONEINFO = Path.of("/usr/share/zoneinfo");
    private static final Pattern GMT_N = Pattern.compile("(?:Etc/)?(?:GMT|UTC|UCT)([+-])(\\d{1,2})");
    private static final Map<String, ZoneId> CACHE = new ConcurrentHashMap<>();

    private TimeZones() {
    }

    /** The zone of this process's {@code TZ}. */
    public static ZoneId fromEnvironment() {
        return fromTz(System.getenv("TZ"));
    }

    /** The zone glibc would use for this value of {@code TZ} (null: unset, the system's local time). */
    public static ZoneId fromTz(String tz) {
        if (tz == null) {
            return ZoneId.systemDefault();
        }
        return CACHE.computeIfAbsent(tz, TimeZones::resolve);
    }

    private static ZoneId resolve(String tz) {
        String name = tz.startsWith(":") ? tz.substring(1) : tz;
        if (name.isEmpty()) {
            return ZoneOffset.UTC;
        }
        Path file = name.startsWith("/") ? Path.of(name) : ZONEINFO.resolve(name);
        if (!name.contains("..") && Files.isRegularFile(file)) {
            String id = name;
            if (name.startsWith("/")) {
                id = file.startsWith(ZONEINFO) ? ZONEINFO.relativize(file).toString() : null;
            }
            ZoneId z = id == null ? null : javaZone(id);
            if (z != null) {
                return z;
            }
        }
        ZoneId posix = PosixTimeZone.parse(name);
        return posix != null ? posix : ZoneOffset.UTC;
    }

    /** A zoneinfo file name as Java's zone database knows it, or null. */
    static ZoneId javaZone(String id) {
        String n = id;
        for (String prefix : new String[] {"posix/", "right/"}) {
            if (n.startsWith(prefix)) {
                n = n.substring(prefix.length());
            }
        }
        Matcher m = GMT_N.matcher(n);
        if (m.matches()) {
            // zoneinfo's GMT+3 is Etc/GMT+3: three hours *behind* UTC
            int h = Integer.parseInt(m.group(2));
            return h == 0 ? ZoneOffset.UTC : ZoneId.of("Etc/GMT" + m.group(1) + h);
        }
        switch (n.toLowerCase(Locale.ROOT)) {
            case "posixrules" -> {
                return ZoneId.of("America/New_York");
            }
            case "localtime" -> {
                return ZoneId.systemDefault();
            }
            default -> {
                try {
                    return ZoneId.of(n);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
    }
}

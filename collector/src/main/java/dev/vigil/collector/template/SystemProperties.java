package dev.vigil.collector.template;

import dev.vigil.core.event.Event;
import dev.vigil.core.event.SyslogTime;
import dev.vigil.core.syslog.Properties;
import java.net.InetAddress;
import java.time.ZoneOffset;

/** rsyslog's "system" properties ($now, $year, $hour, $myhostname…), taken from the reception time. */
final class SystemProperties {
    private static final String HOSTNAME = localHostname();

    private SystemProperties() {
    }

    static String get(String name, Event e) {
        SyslogTime t = name.endsWith("-utc") ? SyslogTime.ofInstant(e.received(), ZoneOffset.UTC)
                : Properties.generated(e);
        String base = name.endsWith("-utc") ? name.substring(0, name.length() - 4) : name;
        switch (base) {
            case "$now": return DateFormat.YEAR.format(t, false) + "-" + DateFormat.MONTH.format(t, false) + "-"
                    + DateFormat.DAY.format(t, false);
            case "$year": return DateFormat.YEAR.format(t, false);
            case "$month": return DateFormat.MONTH.format(t, false);
            case "$day": return DateFormat.DAY.format(t, false);
            case "$wday": return DateFormat.WDAY.format(t, false);
            case "$hour": return DateFormat.HOUR.format(t, false);
            case "$hhour": return t.minute() < 30 ? "00" : "01";
            case "$qhour": return "0" + (t.minute() / 15);
            case "$minute": return DateFormat.MINUTE.format(t, false);
            case "$now-unixtimestamp": return Long.toString(e.received().getEpochSecond());
            case "$myhostname": return HOSTNAME;
            case "$bom": return "\uFEFF";
            default: return "";
        }
    }

    private static String localHostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            int dot = h.indexOf('.');
            return dot > 0 ? h.substring(0, dot) : h;
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}

package dev.vigil.agent.login;

import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;

/** Test helper: the subset of last's command line the tests use, turned into {@link LastOptions}. */
final class LastCommandLine {
    private LastCommandLine() {
    }

    static LastOptions parse(List<String> args, ZoneId zone) {
        LastOptions o = new LastOptions();
        long now = System.currentTimeMillis() / 1000;
        for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
            String a = it.next();
            switch (a) {
                case "-x" -> o.extended = true;
                case "-F" -> o.timeFormat = LastOptions.TimeFormat.FULL;
                case "-i" -> o.useIp = true;
                case "-w" -> o.fullNames();
                case "-a" -> o.hostLast = true;
                case "-R" -> o.showHost = false;
                case "-n" -> o.maxRecords = Integer.parseInt(it.next());
                case "-p" -> o.present = TimeArgument.parse(it.next(), now, zone);
                case "-s" -> o.since = TimeArgument.parse(it.next(), now, zone);
                case "-t" -> o.until = TimeArgument.parse(it.next(), now, zone);
                case "--time-format" -> o.timeFormat = LastOptions.TimeFormat.valueOf(it.next().toUpperCase());
                default -> o.show.add(a);
            }
        }
        return o;
    }
}

package dev.vigil.cli;

import dev.vigil.agent.login.CarefulOutput;
import dev.vigil.agent.login.Last;
import dev.vigil.agent.login.LastOptions;
import dev.vigil.agent.login.SystemView;
import dev.vigil.agent.login.TimeArgument;
import dev.vigil.agent.login.UtmpFile;
import dev.vigil.agent.login.UtmpReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vigil last}: what util-linux {@code last} prints for a wtmp file. */
@Command(name = "last", mixinStandardHelpOptions = true,
        description = "Show a listing of last logged in users, as util-linux last(1) does.")
public class LastCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "use a specific file instead of the system's")
    List<Path> files = new ArrayList<>();
    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "how many lines to show")
    int limit;
    @Option(names = {"-a", "--hostlast"}, description = "display hostnames in the last column")
    boolean hostLast;
    @Option(names = {"-F", "--fulltimes"}, description = "print full login and logout times and dates")
    boolean fullTimes;
    @Option(names = {"-i", "--ip"}, description = "display IP numbers in numbers-and-dots notation")
    boolean ip;
    @Option(names = {"-R", "--nohostname"}, description = "don't display the hostname field")
    boolean noHost;
    @Option(names = {"-s", "--since"}, paramLabel = "TIME", description = "display the lines since the specified time")
    String since;
    @Option(names = {"-t", "--until"}, paramLabel = "TIME", description = "display the lines until the specified time")
    String until;
    @Option(names = {"-p", "--present"}, paramLabel = "TIME", description = "display who were present at the specified time")
    String present;
    @Option(names = {"-w", "--fullnames"}, description = "display full user and domain names")
    boolean fullNames;
    @Option(names = {"-x", "--system"}, description = "display system shutdown entries and run level changes")
    boolean system;
    @Option(names = "--time-format", paramLabel = "FORMAT", description = "notime|short|full|iso")
    String timeFormat;
    @Parameters(paramLabel = "USER|TTY", description = "users and ttys to show; -NUMBER is how many lines to show")
    List<String> show = new ArrayList<>();

    /** @return whether this is lastb */
    protected boolean lastb() {
        return false;
    }

    /** @return the file read without -f */
    protected String defaultFile() {
        return "/var/log/wtmp";
    }

    @Override
    public Integer call() throws IOException {
        ZoneId zone = dev.vigil.agent.login.TimeZones.fromEnvironment();
        long now = System.currentTimeMillis() / 1000;
        LastOptions o = new LastOptions();
        o.lastb = lastb();
        o.extended = system;
        o.showHost = !noHost;
        o.hostLast = hostLast;
        o.useIp = ip;
        o.maxRecords = limit;
        if (fullNames) {
            o.fullNames();
        }
        if (fullTimes && timeFormat != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    spec.name() + ": mutually exclusive arguments: --fulltimes --time-format");
        }
        if (fullTimes) {
            o.timeFormat = LastOptions.TimeFormat.FULL;
        } else if (timeFormat != null) {
            o.timeFormat = switch (timeFormat) {
                case "notime" -> LastOptions.TimeFormat.NOTIME;
                case "short" -> LastOptions.TimeFormat.SHORT;
                case "full" -> LastOptions.TimeFormat.FULL;
                case "iso" -> LastOptions.TimeFormat.ISO;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "unknown time format: " + timeFormat);
            };
        }
        try {
            o.since = since == null ? 0 : TimeArgument.parse(since, now, zone);
            o.until = until == null ? 0 : TimeArgument.parse(until, now, zone);
            o.present = present == null ? 0 : TimeArgument.parse(present, now, zone);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        for (String s : show) {
            if (s.matches("-\\d+")) {
                o.maxRecords = Integer.parseInt(s.substring(1));
            } else {
                o.show.add(s);
            }
        }
        List<Path> toRead = files.isEmpty() ? List.of(Path.of(defaultFile())) : files;
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        Last last = new Last(o, zone, now, SystemView.live(), CarefulOutput.fromEnvironment(), out);
        try {
            for (Path f : toRead) {
                if (!Files.isReadable(f)) {
                    out.flush();
                    spec.commandLine().getErr().println(spec.name() + ": cannot open " + f
                            + (Files.exists(f) ? ": Permission denied" : ": No such file or directory"));
                    return 1;
                }
                UtmpFile file = new UtmpReader(UtmpReader.DEFAULT_MAX_RECORDS).read(f);
                for (String p : file.problems()) {
                    spec.commandLine().getErr().println(spec.name() + ": " + p);
                }
                last.list(file, f.getFileName().toString());
            }
        } finally {
            out.flush();
        }
        return 0;
    }
}

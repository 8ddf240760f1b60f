package dev.vigil.cli;

import dev.vigil.agent.acct.AcctFile;
import dev.vigil.agent.acct.AcctReader;
import dev.vigil.agent.acct.DeviceNames;
import dev.vigil.agent.acct.Lastcomm;
import dev.vigil.agent.login.Passwd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vigil lastcomm}: what GNU acct's {@code lastcomm} prints for a process accounting file. */
@Command(name = "lastcomm", mixinStandardHelpOptions = true,
        description = "Print information about previously executed commands, as GNU acct's lastcomm(1) does.")
public class LastcommCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "accounting file (default /var/log/account/pacct)")
    Path file = Path.of("/var/log/account/pacct");
    @Option(names = "--user", paramLabel = "NAME", description = "records of this user")
    List<String> users = new ArrayList<>();
    @Option(names = "--tty", paramLabel = "NAME", description = "records of this terminal")
    List<String> ttys = new ArrayList<>();
    @Option(names = "--command", paramLabel = "NAME", description = "records of this command")
    List<String> commands = new ArrayList<>();
    @Option(names = "--strict-match", description = "print only records that match every criterion")
    boolean strict;
    @Option(names = {"-p", "--pid"}, description = "show the process id and the parent's")
    boolean pid;
    @Option(names = "--print-controls", description = "print control characters of command names as they are")
    boolean printControls;
    @Option(names = "--show-paging", description = "show page faults and swaps instead of user and terminal")
    boolean showPaging;
    @Option(names = "--forwards", description = "read the file forwards (oldest first)")
    boolean forwards;
    @Option(names = "--ahz", paramLabel = "FREQ", description = "ticks per second of the CPU times (default 100)")
    int ahz = 100;
    @Parameters(paramLabel = "NAME", description = "commands, users or terminals to show")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(file)) {
            // acct's lastcomm says so without its name and still exits 0
            spec.commandLine().getErr().println("couldn't open file '" + file + "': "
                    + (Files.exists(file) ? "Permission denied" : "No such file or directory"));
            return 0;
        }
        Lastcomm.Options o = new Lastcomm.Options();
        o.names = names;
        o.users = users;
        o.ttys = ttys;
        o.commands = commands;
        o.strict = strict;
        o.pid = pid;
        o.printControls = printControls;
        o.forwards = forwards;
        o.showPaging = showPaging;
        o.ahz = ahz;
        AcctFile f = new AcctReader(100_000_000L).read(file, 0);
        for (String p : f.problems()) {
            spec.commandLine().getErr().println("lastcomm: " + p);
        }
        Passwd pw;
        try {
            pw = Passwd.read(Path.of("/etc/passwd"));
        } catch (IOException e) {
            pw = Passwd.EMPTY;
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        try {
            new Lastcomm(o, dev.vigil.agent.login.TimeZones.fromEnvironment(), pw, DeviceNames.scan(Path.of("/dev")), out).list(f.records());
        } finally {
            out.flush();
        }
        return 0;
    }
}

package dev.vigil.cli;

import dev.vigil.agent.login.LastlogFile;
import dev.vigil.agent.login.Lastlog;
import dev.vigil.agent.login.Passwd;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/** {@code vigil lastlog}: what shadow's {@code lastlog} prints for a lastlog file and a passwd file. */
@Command(name = "lastlog", mixinStandardHelpOptions = true,
        description = "Report the most recent login of all users or of a given user, as shadow's lastlog(8) does.")
public class LastlogCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "lastlog file (default /var/log/lastlog, or ROOT/var/log/lastlog)")
    Path file;
    @Option(names = "--passwd", paramLabel = "FILE", description = "password file (default /etc/passwd, or ROOT/etc/passwd)")
    Path passwd;
    @Option(names = {"-R", "--root"}, paramLabel = "CHROOT_DIR", description = "read the files of this directory tree")
    Path root;
    @Option(names = {"-u", "--user"}, paramLabel = "LOGIN", description = "print the lastlog record of this login, uid or uid range")
    String user;
    @Option(names = {"-t", "--time"}, paramLabel = "DAYS", description = "print only lastlog records more recent than DAYS")
    String time;
    @Option(names = {"-b", "--before"}, paramLabel = "DAYS", description = "print only lastlog records older than DAYS")
    String before;

    @Override
    public Integer call() throws IOException {
        Path base = root == null ? Path.of("/") : root;
        Path llPath = file != null ? file : base.resolve("var/log/lastlog");
        Path pwPath = passwd != null ? passwd : base.resolve("etc/passwd");
        Lastlog.Options o = new Lastlog.Options();
        o.uidLimit = Lastlog.uidLimit(base.resolve("etc/login.defs"));
        o.recentSeconds = time == null ? -1 : days(time) * 86400;
        o.olderSeconds = before == null ? -1 : days(before) * 86400;
        Passwd pw = Passwd.read(pwPath);
        if (user != null && !o.selectUser(user, pw)) {
            spec.commandLine().getErr().println("lastlog: Unknown user or range: " + user);
            return 1;
        }
        if (!Files.isReadable(llPath)) {
            spec.commandLine().getErr().println(llPath + ": No such file or directory");
            return 1;
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        try (LastlogFile ll = LastlogFile.open(llPath)) {
            new Lastlog(o, dev.vigil.agent.login.TimeZones.fromEnvironment(), System.currentTimeMillis() / 1000, out).list(pw, ll);
        } finally {
            out.flush();
        }
        return 0;
    }

    private long days(String s) {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "lastlog: invalid numeric argument '" + s + "'");
        }
    }
}

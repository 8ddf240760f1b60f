package dev.vigil.cli;

import dev.vigil.sensor.Protocols;
import dev.vigil.sensor.Sensor;
import dev.vigil.sensor.SensorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vigil sensor}: Zeek-compatible logs from a capture file. */
@Command(name = "sensor", mixinStandardHelpOptions = true,
        description = "Read a pcap/pcapng capture and write Zeek-compatible logs (conn.log, ...).")
public final class SensorCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", description = "capture file to read (pcap or pcapng)")
    Path read;

    @Option(names = "-i", paramLabel = "IFACE", description = "live capture (not supported yet)")
    String iface;

    @Option(names = "-w", paramLabel = "DIR", description = "directory for the logs (default: current directory)")
    Path dir = Path.of(".");

    @Option(names = "--json", description = "write Zeek's JSON lines instead of TSV")
    boolean json;

    @Option(names = "-C", description = "ignore checksums, as zeek -C")
    boolean ignoreChecksums;

    @Option(names = "--only", split = ",", paramLabel = "SCRIPT",
            description = "load only these scripts, like a bare zeek -b with them: conn,http,dns,...")
    List<String> only;

    @Option(names = "--networks", paramLabel = "FILE", description = "local networks (ZeekControl networks.cfg format)")
    Path networks;

    @Option(names = "--redef", paramLabel = "EXPR",
            description = "a Zeek redef, e.g. 'FTP::logged_commands += { \"<init>\", \"AUTH\" }' (only FTP::logged_commands)")
    List<String> redefs;

    @Option(names = "--seed-file", paramLabel = "FILE",
            description = "Zeek seed file for reproducible uids (default: $ZEEK_SEED_FILE)")
    Path seedFile;

    @Override
    public Integer call() throws Exception {
        if (iface != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "live capture (-i) is not supported yet; capture with tcpdump -w and use -r FILE");
        }
        if (read == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '-r=FILE'");
        }
        if (!Files.isReadable(read)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read capture file " + read);
        }
        SensorOptions o = new SensorOptions();
        o.input = read;
        o.outputDir = dir;
        o.json = json;
        o.ignoreChecksums = ignoreChecksums;
        o.networks = networks;
        if (only != null) {
            Set<String> s = new LinkedHashSet<>();
            for (String x : only) {
                String name = x.strip();
                if (name.contains("/")) {
                    name = name.substring(name.lastIndexOf('/') + 1);
                }
                if (!Protocols.ONLY_NAMES.contains(name)) {
                    String near = Protocols.closest(name);
                    throw new CommandLine.ParameterException(spec.commandLine(), "unknown script '" + x + "' for --only"
                            + (near != null ? "; did you mean '" + near + "'?" : "")
                            + " (known: " + String.join(",", new java.util.TreeSet<>(Protocols.ONLY_NAMES)) + ")");
                }
                s.add(name);
            }
            o.only = s;
        }
        if (seedFile == null && System.getenv("ZEEK_SEED_FILE") != null && !System.getenv("ZEEK_SEED_FILE").isEmpty()) {
            seedFile = Path.of(System.getenv("ZEEK_SEED_FILE"));
        }
        o.seedFile = seedFile;
        if (redefs != null) {
            for (String r : redefs) {
                try {
                    o.redef(r);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
        }
        Sensor.Result r = new Sensor(o).run();
        if (r.error() != null) {
            spec.commandLine().getErr().println("vigil sensor: " + read + ": " + r.error().getMessage()
                    + "; logs cover the " + r.packets() + " packets before it");
            return 1;
        }
        return 0;
    }
}

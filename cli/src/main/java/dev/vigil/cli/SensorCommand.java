package dev.vigil.cli;

import dev.vigil.sensor.LiveSensor;
import dev.vigil.sensor.Protocols;
import dev.vigil.sensor.Sensor;
import dev.vigil.sensor.SensorOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vigil sensor}: Zeek-compatible logs from a capture file or a live interface, optionally shipped to a server. */
@Command(name = "sensor", mixinStandardHelpOptions = true,
        description = "Read a pcap/pcapng capture (-r) or capture live (-i) and write Zeek-compatible logs (conn.log, ...).")
public final class SensorCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "-r", paramLabel = "FILE", description = "capture file to read (pcap or pcapng)")
    Path read;

    @Option(names = "-i", paramLabel = "IFACE", description = "capture live on this interface (needs root or CAP_NET_RAW)")
    String iface;

    @Option(names = "-f", paramLabel = "FILTER", description = "BPF capture filter for -i, as zeek -f / tcpdump (pcap-filter(7))")
    String filter;

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "bytes kept of each packet with -i (default: 262144)")
    Integer snaplen;

    @Option(names = {"-p", "--no-promisc"}, description = "do not put the interface in promiscuous mode (-i)")
    boolean noPromisc;

    @Option(names = "--rotate", paramLabel = "INTERVAL",
            description = "rotate the logs every INTERVAL (seconds, or 30s, 10m, 1h), as Zeek's Log::default_rotation_interval")
    String rotate;

    @Option(names = "--server", paramLabel = "URL",
            description = {"also send every log row to the HEC of the node at URL", "(sourcetypes zeek_conn, zeek_http, ...), e.g.", "http://siem:8080"})
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "HEC token for --server (default: $VIGIL_HEC_TOKEN)")
    String token;

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
        if (iface != null && read != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either -r FILE or -i IFACE, not both");
        }
        if (iface == null && read == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '-r=FILE' or '-i=IFACE'");
        }
        if (read != null && !Files.isReadable(read)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read capture file " + read);
        }
        if (iface == null && (filter != null || snaplen != null || noPromisc)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-f, -s and -p apply to live capture (-i IFACE)");
        }
        String hecToken = token != null ? token : System.getenv("VIGIL_HEC_TOKEN");
        if (server != null && (hecToken == null || hecToken.isBlank())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server needs a HEC token (--token or VIGIL_HEC_TOKEN)");
        }
        if (server != null && !server.matches("https?://.+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--server takes a URL such as http://siem:8080, not '" + server + "'");
        }
        SensorOptions o = new SensorOptions();
        o.input = read;
        o.iface = iface;
        o.filter = filter;
        if (snaplen != null) {
            if (snaplen < 64 || snaplen > 262_144) {
                throw new CommandLine.ParameterException(spec.commandLine(), "-s " + snaplen + ": snapshot length must be 64..262144");
            }
            o.snaplen = snaplen;
        }
        o.promiscuous = !noPromisc;
        if (rotate != null) {
            o.rotateSeconds = interval(rotate);
        }
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
        PrintWriter err = spec.commandLine().getErr();
        PrintStream errStream = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        ZeekShipper shipper = server == null ? null : ZeekShipper.toServer(server, hecToken, dir, iface != null, errStream);
        o.tap = shipper;
        int status;
        if (iface != null) {
            status = LiveSensor.run(o, errStream);
        } else {
            Sensor.Result r;
            try {
                r = new Sensor(o).run();
            } catch (RuntimeException | java.io.IOException e) {
                if (shipper != null) {
                    shipper.finish(0);
                }
                throw e;
            }
            status = 0;
            if (r.error() != null) {
                err.println("vigil sensor: " + read + ": " + r.error().getMessage()
                        + "; logs cover the " + r.packets() + " packets before it");
                status = 1;
            }
        }
        if (shipper != null) {
            shipper.finish(60_000);
            err.println("vigil sensor: " + shipper.shipped() + " log rows sent to " + server);
            if (shipper.notShipped() > 0) {
                err.println("vigil sensor: " + shipper.notShipped() + " log rows could not be sent to " + server
                        + "; the logs in " + dir + " are complete");
                status = Math.max(status, 1);
            }
        }
        err.flush();
        return status;
    }

    /** An interval: seconds, or a number with s, m, h or d. */
    private long interval(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)\\s*([smhd]?)").matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rotate " + text + ": expected a positive interval such as 3600, 30s, 10m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86_400;
            default -> n;
        };
    }

    /** Bytes written to a PrintWriter (picocli's error writer), for code that prints to a PrintStream. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter out;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterOutputStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            out.print(pending.toString(StandardCharsets.UTF_8));
            out.flush();
            pending.reset();
        }
    }
}

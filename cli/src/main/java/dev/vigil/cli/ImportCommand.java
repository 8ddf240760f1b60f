package dev.vigil.cli;

import dev.vigil.index.importer.EventSink;
import dev.vigil.index.importer.FileImporter;
import dev.vigil.index.importer.HecForwarder;
import dev.vigil.index.importer.ImportOptions;
import dev.vigil.index.lucene.IndexNames;
import dev.vigil.index.lucene.LuceneEventStore;
import dev.vigil.index.lucene.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil import FILE...}: index log files (plain, .gz, Zeek log directories) and Windows EVTX files into a
 * data directory or a server.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Index log files: plain or .gz files, or directories of Zeek logs, one event per line; "
                + "Windows .evtx files, one event per record.")
public final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files or directories to import.")
    List<Path> files;

    @Option(names = "--sourcetype", paramLabel = "T", description = "Sourcetype of every event (default: detected).")
    String sourcetype;

    @Option(names = "--host", paramLabel = "H",
            description = "Host of every event (default: the line's HOSTNAME for syslog, a Windows event's Computer, "
                    + "else this machine).")
    String host;

    @Option(names = "--index", paramLabel = "I", description = "Target index (default: main).")
    String index;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory to write (default ./data).")
    Path data;

    @Option(names = "--server", paramLabel = "URL", description = "Send to a running server's HEC instead, e.g. http://127.0.0.1:8080.")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "HEC token for --server (default: $VIGIL_HEC_TOKEN).")
    String token;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (data != null && server != null) {
            err.println("vigil import: give either --data or --server, not both");
            return 2;
        }
        if (index != null && !IndexNames.isValid(index)) {
            err.println("vigil import: " + invalidIndex(index));
            return 2;
        }
        List<Path> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.addAll(FileImporter.expand(f));
        }
        ImportOptions options = ImportOptions.of(sourcetype, host, index);
        if (server != null) {
            String t = token != null ? token : System.getenv("VIGIL_HEC_TOKEN");
            if (t == null || t.isEmpty()) {
                err.println("vigil import: --server needs a HEC token (--token or VIGIL_HEC_TOKEN)");
                return 2;
            }
            return run(inputs, options, new HecForwarder(server, t), err);
        }
        StoreOptions so = StoreOptions.defaults(data != null ? data : Path.of("data"));
        try (LuceneEventStore store = new LuceneEventStore(so)) {
            int rc = run(inputs, options, store::append, err);
            store.flush();
            return rc;
        }
    }

    private static String invalidIndex(String name) {
        try {
            IndexNames.check(name);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static int run(List<Path> inputs, ImportOptions options, EventSink sink, PrintWriter err) throws Exception {
        long start = System.nanoTime();
        int[] problems = {0};
        FileImporter.Progress p = new FileImporter(options, sink, pr -> progress(pr, start, err),
                List.of(new EvtxFormat()), problem -> {
                    problems[0]++;
                    // over the progress line, which is redrawn below
                    err.printf(Locale.ROOT, "\r%-60s\rvigil import: %s%n", "", problem);
                    err.flush();
                }).run(inputs);
        if (p.truncated() > 0) {
            err.printf(Locale.ROOT, "vigil import: %d lines longer than %d bytes were cut%n", p.truncated(),
                    options.maxLineBytes());
        }
        if (problems[0] > 0) {
            err.printf(Locale.ROOT, "vigil import: %d problem%s reported above; everything else was imported%n",
                    problems[0], problems[0] == 1 ? "" : "s");
        }
        return 0;
    }

    /** One progress line on stderr, redrawn in place: a bar, the percentage, events and rate. */
    private static void progress(FileImporter.Progress p, long start, PrintWriter err) {
        double secs = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        double frac = p.bytesTotal() == 0 ? 1 : Math.min(1, (double) p.bytesRead() / p.bytesTotal());
        int width = 30;
        int filled = (int) Math.round(frac * width);
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        err.printf(Locale.ROOT, "\r[%s] %3.0f%% %,d events %,.0f/s", bar, frac * 100, p.events(), p.events() / secs);
        if (p.done()) {
            err.printf(Locale.ROOT, "%nimported %,d events from %d bytes in %.1f s%n", p.events(), p.bytesTotal(), secs);
        }
        err.flush();
    }
}

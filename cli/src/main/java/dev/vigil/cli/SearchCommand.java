package dev.vigil.cli;

import dev.vigil.search.client.DataDirSearch;
import dev.vigil.search.client.RemoteSearch;
import dev.vigil.search.exec.SearchResult;
import dev.vigil.search.output.ResultWriter;
import dev.vigil.search.parse.SplSyntaxException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigil search 'SPL'}: runs a Splunk SPL query on a data directory or a running server. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Run an SPL query (Splunk's Search Processing Language) and print the results.")
public final class SearchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPL", description = "The query, e.g. 'sshd failed | stats count by src'.")
    String query;

    @Option(names = "--earliest", paramLabel = "T",
            description = "Earliest time: -24h, -7d@d, @w1, 0 (all time), %%m/%%d/%%Y:%%H:%%M:%%S or epoch. Default: all time.")
    String earliest;

    @Option(names = "--latest", paramLabel = "T", description = "Latest time (exclusive), same syntax. Default: none.")
    String latest;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--data", paramLabel = "DIR", description = "Search this data directory (default ./data).")
    Path data;

    @Option(names = "--server", paramLabel = "URL", description = "Search a running server, e.g. http://127.0.0.1:8080.")
    String server;

    @Override
    public Integer call() throws Exception {
        ResultWriter.Format fmt;
        try {
            fmt = ResultWriter.Format.of(format);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("vigil search: " + e.getMessage());
            return 2;
        }
        if (data != null && server != null) {
            spec.commandLine().getErr().println("vigil search: give either --data or --server, not both");
            return 2;
        }
        ZoneId zone = DataDirSearch.zoneFromEnv();
        SearchResult r;
        try {
            r = server != null ? RemoteSearch.run(server, query, earliest, latest)
                    : DataDirSearch.run(data != null ? data : Path.of("data"), query, earliest, latest, zone);
        } catch (SplSyntaxException e) {
            spec.commandLine().getErr().println("vigil search: " + e.display());
            return 2;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("vigil search: " + e.getMessage());
            return 2;
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        ResultWriter.write(r, fmt, zone, out);
        if (r.truncated()) {
            spec.commandLine().getErr().println("vigil search: showing the first " + r.rows().size() + " of "
                    + r.total() + " results");
        }
        return 0;
    }
}

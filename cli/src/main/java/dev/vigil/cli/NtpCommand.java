package dev.vigil.cli;

import dev.vigil.ntp.NtpConfig;
import dev.vigil.ntp.NtpService;
import dev.vigil.ntp.client.NtpClient;
import dev.vigil.ntp.client.NtpQuery;
import dev.vigil.ntp.client.ServerAddress;
import dev.vigil.ntp.source.WallClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vigil ntp query|serve}: the ntpdate-like client and a standalone time server; logic lives in the ntp module. */
@Command(name = "ntp", mixinStandardHelpOptions = true,
        description = "NTP client (like ntpdate -q) and standalone NTP server. Never sets the system clock.",
        subcommands = {NtpCommand.Query.class, NtpCommand.Serve.class})
public final class NtpCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: query or serve");
    }

    /** {@code vigil ntp query HOST[:PORT]...}. */
    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Ask NTP servers for their time and print offset and delay like ntpdate -q.")
    static final class Query implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "HOST[:PORT]", description = "servers; [v6addr]:port for IPv6 with a port")
        List<String> servers;
        @Option(names = "--samples", defaultValue = "4", description = "exchanges per server, best (lowest delay) kept; default ${DEFAULT-VALUE}")
        int samples;
        @Option(names = "--timeout", defaultValue = "1", description = "seconds to wait for each reply; default ${DEFAULT-VALUE}")
        double timeout;

        @Override
        public Integer call() throws Exception {
            List<ServerAddress> parsed = new ArrayList<>();
            try {
                for (String s : servers) {
                    parsed.add(ServerAddress.parse(s, ServerAddress.NTP_PORT));
                }
                if (samples < 1 || samples > 64) {
                    throw new IllegalArgumentException("--samples " + samples + " is outside 1..64");
                }
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            NtpClient client = new NtpClient(WallClock.SYSTEM, (int) Math.max(10, timeout * 1000));
            return new NtpQuery(client, samples, 200).run(parsed, spec.commandLine().getOut());
        }
    }

    /** {@code vigil ntp serve}: the NTP service alone, without the rest of the server. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve NTP: upstream servers/pools, else the local clock at --local-stratum, else LI=3.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", defaultValue = "123", description = "UDP port; default ${DEFAULT-VALUE}")
        int port;
        @Option(names = "--bind", description = "address to bind (repeatable); default all, IPv4 and IPv6")
        List<String> bind = new ArrayList<>();
        @Option(names = "--server", paramLabel = "HOST[:PORT]", description = "upstream server (repeatable)")
        List<String> server = new ArrayList<>();
        @Option(names = "--pool", paramLabel = "NAME[:PORT]", description = "upstream pool (repeatable)")
        List<String> pool = new ArrayList<>();
        @Option(names = "--local-stratum", defaultValue = "0", description = "serve the local clock at this stratum when no upstream is usable (0 = off)")
        int localStratum;
        @Option(names = "--minpoll", defaultValue = "6", description = "log2 s between polls at first; default ${DEFAULT-VALUE}")
        int minPoll;
        @Option(names = "--maxpoll", defaultValue = "10", description = "log2 s between polls at most; default ${DEFAULT-VALUE}")
        int maxPoll;
        @Option(names = "--rate-limit", description = "limit responses per client address (off by default)")
        boolean rateLimit;
        @Option(names = "--rate-interval", defaultValue = "8", description = "mean seconds between answered requests per client; default ${DEFAULT-VALUE}")
        double rateInterval;
        @Option(names = "--rate-burst", defaultValue = "8", description = "requests answered back to back; default ${DEFAULT-VALUE}")
        int rateBurst;
        @Option(names = "--kod", description = "answer rate-limited clients with KoD RATE (at most one per interval)")
        boolean kod;
        @Option(names = "--threads", defaultValue = "0", description = "event loops (one socket each); 0 = one per core")
        int threads;

        @Override
        public Integer call() throws Exception {
            NtpConfig c = new NtpConfig();
            c.setPort(port);
            c.setBindAddresses(bind);
            c.setServers(server);
            c.setPools(pool);
            c.setLocalStratum(localStratum);
            c.setMinPoll(minPoll);
            c.setMaxPoll(maxPoll);
            c.setRateLimit(rateLimit);
            c.setRateLimitIntervalSeconds(rateInterval);
            c.setRateLimitBurst(rateBurst);
            c.setRateLimitKod(kod);
            c.setThreads(threads);
            NtpService service = NtpService.start(c);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stop.countDown();
            }));
            System.out.println("vigil ntp: serving on UDP port " + service.port() + ", precision " + service.precision()
                    + ", " + (server.isEmpty() && pool.isEmpty()
                    ? (localStratum > 0 ? "local clock at stratum " + localStratum : "unsynchronized (LI=3)")
                    : (server.size() + pool.size()) + " upstream name(s)"));
            stop.await();
            return 0;
        }
    }
}

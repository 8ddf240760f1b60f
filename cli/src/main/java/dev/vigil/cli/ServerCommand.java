package dev.vigil.cli;

import dev.vigil.server.ServerSettings;
import dev.vigil.server.VigilServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil server}: the node (syslog collector, index, search API, NTP), until SIGTERM or SIGINT. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the Vigil node: receive syslog (UDP/TCP/TLS), apply rsyslog rules or file every",
            "message under DATA/logs/<HOSTNAME>/<PROGRAMNAME>.log, serve the HTTP API and NTP.",
            "Stops cleanly (everything received is written) on SIGTERM or SIGINT."})
public final class ServerCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "vigil.yml", description = "settings file (see docs/server.md)")
    Path config;

    @Option(names = "-f", paramLabel = "rsyslog.conf", description = "rsyslog configuration: listeners and rules, "
            + "taken exactly as rsyslogd takes them")
    Path rules;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
    Path data;

    @Option(names = "--syslog-port", paramLabel = "N", description = "syslog UDP and TCP port (default 514)")
    Integer syslogPort;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP API and console port (default 8080)")
    Integer httpPort;

    @Option(names = "--ntp-port", paramLabel = "N", description = "NTP port (default 123)")
    Integer ntpPort;

    @Option(names = "--no-index", description = "run as a pure collector, like rsyslogd")
    boolean noIndex;

    @Option(names = "--agent-port", paramLabel = "N", description = "listen for Vigil agents on this TCP port "
            + "(9515 when vigil.yml has an agent section; TLS from vigil.yml, or --agent-plain)")
    Integer agentPort;

    @Option(names = "--agent-plain", description = "accept agents over plain TCP, without TLS (tests and labs only)")
    boolean agentPlain;

    @Override
    public Integer call() throws Exception {
        ServerSettings s = config != null ? ServerSettings.load(config) : new ServerSettings();
        if (rules != null) {
            s.rules = rules;
        }
        if (data != null) {
            s.data = data;
        }
        if (syslogPort != null) {
            s.syslogPort = syslogPort;
        }
        if (httpPort != null) {
            s.httpPort = httpPort;
        }
        if (ntpPort != null) {
            s.ntpPort = ntpPort;
        }
        if (noIndex) {
            s.index = false;
        }
        if (agentPort != null) {
            s.agentPort = agentPort;
        }
        if (agentPlain) {
            s.agentPlain = true;
            if (s.agentPort < 0) {
                s.agentPort = dev.vigil.agent.protocol.AgentProtocol.DEFAULT_PORT;
            }
        }
        VigilServer server = new VigilServer(s);
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTermination(stop::countDown);
        try {
            server.start();
        } catch (java.io.IOException e) {
            System.err.println("vigil: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("vigil: failed to start: " + e);
            e.printStackTrace();
            return 1;
        }
        stop.await();
        server.close();
        return 0;
    }
}

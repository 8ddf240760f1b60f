package dev.vigil.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;

/**
 * A node in a JVM of its own, for kill -9 tests: {@code AgentServerChild DATA AGENT_PORT CERT KEY} (TLS; or
 * {@code plain} instead of CERT KEY) prints {@code PORT <n>} once listening, then runs until a line
 * {@code stop} (or end of input) stops it cleanly.
 */
public final class AgentServerChild {
    private AgentServerChild() {
    }

    public static void main(String[] args) throws Exception {
        ServerSettings s = new ServerSettings();
        s.data = Path.of(args[0]);
        s.syslogPort = 0;
        s.syslogAddress = "127.0.0.1";
        s.httpPort = -1;
        s.ntpEnabled = false;
        s.agentPort = Integer.parseInt(args[1]);
        s.agentAddress = "127.0.0.1";
        if (args[2].equals("plain")) {
            s.agentPlain = true;
        } else {
            s.agentTlsCert = Path.of(args[2]);
            s.agentTlsKey = Path.of(args[3]);
        }
        VigilServer server = new VigilServer(s);
        server.start();
        System.out.println("PORT " + server.port("agent"));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("stop")) {
                break;
            }
        }
        dev.vigil.server.agent.AgentStats a = server.agentStats();
        server.close();
        System.out.println("STOPPED recoveries=" + a.recoveries.sum() + " recovery_events_read="
                + a.recoveryEventsRead.sum() + " duplicates=" + a.duplicates.sum() + " accepted=" + a.accepted.sum());
        System.out.flush();
    }
}

package dev.vigil.ntp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The oracle kit's deliberately broken toy server (fake-server.py): a known offset, LI, stratum,
 * kiss code or missing origin echo, so tests can check what a client must accept or reject.
 */
public final class FakeServer implements AutoCloseable {
    private final Process process;
    public final int port;

    private FakeServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts fake-server.py on 127.0.0.1 and a free port with the given options (e.g. "--li", "3"). */
    public static FakeServer start(String... options) throws IOException, InterruptedException {
        Peers.require("/usr/bin/python3");
        int port = ChronydPeer.freeUdpPort();
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", Peers.oracle("fake-server.py").toString(),
                Integer.toString(port), "--seconds", "600"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        FakeServer server = new FakeServer(p, port);
        Peers.awaitAnswer(p, port, "fake-server.py");
        return server;
    }


    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

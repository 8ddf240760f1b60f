package dev.vigil.ntp;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: find and run the real NTP programs installed on this machine, with timeouts. */
public final class Peers {
    private Peers() {
    }

    /** Skips the test visibly when {@code program} is absent. */
    public static void require(String program) {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get(program)), "skipped: " + program + " not installed");
    }

    /** Skips unless the system python3 can import {@code module}. */
    public static void requirePythonModule(String module) throws Exception {
        require("/usr/bin/python3");
        Result r = run(List.of("/usr/bin/python3", "-c", "import " + module), 20);
        Assumptions.assumeTrue(r.exit == 0, "skipped: python3-" + module + " not installed");
    }

    /** The copied oracle kit in test resources. */
    public static Path oracle(String file) {
        try {
            return Paths.get(Peers.class.getResource("/ntp-oracle/" + file).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command, merging stderr into stdout; kills it after {@code timeoutSeconds}. */
    public static Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("vigil-ntp-peer", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(-1, Files.readString(out, StandardCharsets.UTF_8) + "\n(timed out)");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Waits (up to 15 s on a loaded box) until the server started as {@code p} answers a plain client request. */
    public static void awaitAnswer(Process p, int port, String name) throws IOException, InterruptedException {
        byte[] req = new byte[48];
        req[0] = 0x23; // LI 0, VN 4, mode 3
        long end = System.nanoTime() + 15_000_000_000L;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket()) {
            s.setSoTimeout(100);
            java.net.InetSocketAddress to = new java.net.InetSocketAddress("127.0.0.1", port);
            while (System.nanoTime() < end) {
                if (!p.isAlive()) {
                    throw new IOException(name + " exited with " + p.exitValue());
                }
                s.send(new java.net.DatagramPacket(req, req.length, to));
                try {
                    s.receive(new java.net.DatagramPacket(new byte[512], 512));
                    return;
                } catch (java.io.IOException notYet) { // timeout or ICMP port unreachable: not bound yet
                    Thread.sleep(50);
                }
            }
        }
        throw new IOException(name + " did not answer on port " + port + " within 15 s");
    }

    /** Exit code and output of a finished process. */
    public static final class Result {
        public final int exit;
        public final String output;

        Result(int exit, String output) {
            this.exit = exit;
            this.output = output;
        }

        @Override
        public String toString() {
            return "exit " + exit + ":\n" + output;
        }
    }
}

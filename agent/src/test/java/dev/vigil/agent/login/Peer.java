package dev.vigil.agent.login;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Test helper: runs a real peer command (last, lastb, lastlog, lastcomm, python3) and returns its output. */
final class Peer {
    private Peer() {
    }

    /** Skips the calling test visibly when the peer is not installed. */
    static String require(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        assumeTrue(false, "skipped: " + name + " not installed");
        return null;
    }

    /**
     * Runs the project's gen_utmp.py (a copy in the test resources) for one seed.
     *
     * @return the folder holding wtmp, utmp, btmp, lastlog and passwd
     */
    static Path generate(Path dir, int seed) throws IOException, InterruptedException {
        Path gen = dir.resolve("gen_utmp.py");
        if (!Files.exists(gen)) {
            try (var in = Peer.class.getResourceAsStream("/login/gen_utmp.py")) {
                Files.copy(in, gen);
            }
        }
        Path out = dir.resolve("s" + seed);
        run(List.of(require("python3"), gen.toString(), "--seed", Integer.toString(seed), "--out", out.toString()),
                Map.of());
        return out;
    }

    /** Runs a command with extra environment variables; returns stdout (stderr is discarded). */
    static byte[] run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " did not finish");
        }
        return out;
    }
}

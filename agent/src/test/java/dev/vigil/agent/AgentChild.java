package dev.vigil.agent;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.stats.Stats;
import java.nio.file.Path;

/**
 * The agent in a child JVM for tests: {@code AgentChild agent.yml}. Prints "started" once running and every
 * notice on standard output; stops cleanly when its standard input closes (or dies to kill -9).
 */
public final class AgentChild {
    private AgentChild() {
    }

    public static void main(String[] args) throws Exception {
        Stats stats = new Stats();
        stats.listen(n -> {
            System.out.println("notice: " + n);
            System.out.flush();
        });
        Agent agent = new Agent(AgentConfig.load(Path.of(args[0])), (q, c, s) -> () -> { }, stats);
        agent.start();
        System.out.println("started");
        System.out.flush();
        Thread dump = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(500);
                    System.out.println(stats.summaryLine());
                    System.out.flush();
                }
            } catch (InterruptedException e) {
                // stopping
            }
        });
        dump.setDaemon(true);
        dump.start();
        while (System.in.read() >= 0) {
            // until the parent closes the pipe
        }
        agent.close();
        System.out.println("stopped");
        System.out.flush();
    }

    /** Starts a child JVM running the agent, with the given extra command prefix (e.g. setpriv). */
    static Process start(Path config, java.util.List<String> prefix, Path log) throws java.io.IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AgentChild.class.getName(), config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Waits until the child's output says "started". */
    static void awaitStarted(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String out = java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log) : "";
            if (out.lines().filter("started"::equals).count() > countStarts) {
                countStarts++;
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("agent child exited " + p.exitValue() + ":\n" + out);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("agent child did not start");
    }

    private static long countStarts;

    /** Waits until the running child (the last "agent started" in its log) says it follows {@code n} files. */
    static void awaitFollowing(Path log, int n) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
            int start = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("notice: agent started:")) {
                    start = i;
                }
            }
            if (lines.subList(start + 1, lines.size()).stream().filter(l -> l.startsWith("notice: following"))
                    .count() >= n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("agent child did not find its files");
    }

    /**
     * Waits until the running child (the last "started" in its log) has queued nothing new for three statistics
     * lines in a row (1.5 s), at most a minute.
     */
    static void awaitIdle(Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            java.util.List<String> lines = java.nio.file.Files.readAllLines(log);
            int start = lines.lastIndexOf("started");
            java.util.List<String> queued = lines.subList(start + 1, lines.size()).stream()
                    .filter(l -> l.startsWith("agent stats:"))
                    .map(l -> l.replaceAll(".* events_queued=(\\d+) .*", "$1")).toList();
            int n = queued.size();
            if (n >= 3 && queued.get(n - 1).equals(queued.get(n - 2)) && queued.get(n - 2).equals(queued.get(n - 3))) {
                return;
            }
        }
        throw new AssertionError("agent child never went idle");
    }

    /** Resets the count of "started" lines seen (a new log file). */
    static void newLog() {
        countStarts = 0;
    }
}

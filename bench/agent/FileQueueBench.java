import dev.vigil.agent.Readers;
import dev.vigil.agent.config.InputConfig;
import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.records.RecordInputs;
import dev.vigil.agent.stats.Stats;
import dev.vigil.agent.tail.Input;
import dev.vigil.agent.tail.RecoveredFiles;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The agent's reading side alone: a log file tailed into the durable queue (default settings: 16 MiB segments,
 * fsync within a second), as `vigil agent` runs it, in this JVM (run it with -Xmx128m).
 *   gen FILE N                  writes N sshd-like lines (~110 bytes)
 *   agent FILE QUEUE_DIR N      reads FILE into a new queue until N events are queued; prints one result line
 */
public final class FileQueueBench {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "gen" -> gen(Path.of(args[1]), Long.parseLong(args[2]));
            case "agent" -> agent(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void gen(Path file, long n) throws Exception {
        Random r = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (long i = 0; i < n; i++) {
                w.write(String.format("Nov 26 %02d:%02d:%02d web%02d sshd[%d]: Failed password for invalid user u%d from"
                                + " 203.0.%d.%d port %d ssh2%n", i / 3600 % 24, i / 60 % 60, i % 60, r.nextInt(40),
                        1000 + r.nextInt(60000), r.nextInt(100000), r.nextInt(256), r.nextInt(256),
                        1024 + r.nextInt(60000)));
            }
        }
    }

    static void agent(Path file, Path queueDir, long n) throws Exception {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Stats stats = new Stats();
        QueueSettings qs = new QueueSettings(queueDir, 64L << 30, QueueSettings.DEFAULT_SEGMENT_BYTES,
                QueueSettings.Sync.INTERVAL, 1000);
        try (DiskQueue queue = DiskQueue.open(qs, stats)) {
            RecoveredFiles recovered = new RecoveredFiles(queue.files());
            List<Input> inputs = List.of(RecordInputs.create(InputConfig.files(file.toString()), "bench", queue,
                    recovered, true, stats));
            Readers readers = new Readers(inputs, queue, recovered, stats, 100);
            readers.start();
            while (stats.eventsQueued.get() < n) {
                Thread.sleep(5);
            }
            readers.close();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (cpuNanos() - cpu0) / 1e9;
        long gcs = 0, gcMillis = 0;
        for (java.lang.management.GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += g.getCollectionCount();
            gcMillis += g.getCollectionTime();
        }
        long allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getTotalThreadAllocatedBytes();
        // cpu_s and cpu_us_per_line: the whole process since it started (JVM start, JIT and GC included)
        double cpuAll = cpuNanos() / 1e9;
        double wallAll = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        System.out.printf("agent lines=%d seconds=%.3f lines_per_s=%.0f wall_with_jvm_start_s=%.3f cpu_s=%.2f"
                        + " cpu_us_per_line=%.2f cpu_reading_s=%.2f heap_max_mib=%d allocated_bytes_per_line=%.1f"
                        + " gc_count=%d gc_ms=%d rss_peak_mib=%.1f%n",
                n, secs, n / secs, wallAll, cpuAll, cpuAll * 1e6 / n, cpu, Runtime.getRuntime().maxMemory() >> 20,
                (double) allocated / n, gcs, gcMillis, rssPeakKib() / 1024.0);
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long rssPeakKib() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}

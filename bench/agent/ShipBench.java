import dev.vigil.agent.queue.DiskQueue;
import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.queue.QueueSettings;
import dev.vigil.agent.ship.Shipper;
import dev.vigil.agent.ship.ShipperSettings;
import dev.vigil.agent.stats.Stats;
import dev.vigil.ntp.source.WallClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The agent's half of bench/agent/ship.sh.
 *   ShipBench fill QUEUE N                 N secure-log lines into an agent disk queue (done once, copied per run)
 *   ShipBench ship QUEUE PORT CA|plain     ship it all to 127.0.0.1:PORT; print rate, CPU and heap
 */
public final class ShipBench {
    static QueueSettings queue(String dir) {
        return new QueueSettings(Path.of(dir), 8L << 30, 64L << 20, QueueSettings.Sync.NONE, 1000);
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("fill")) {
            fill(a[1], Long.parseLong(a[2]));
        } else {
            ship(a[1], Integer.parseInt(a[2]), a[3]);
        }
    }

    static void fill(String dir, long n) throws Exception {
        try (DiskQueue q = DiskQueue.open(queue(dir), new Stats())) {
            int f = q.track(new FileState(0, "file:/var/log/secure", "/var/log/secure", "/var/log/secure", "web01",
                    "linux_secure", null, 1, 2, 0, 0, 0));
            long off = 0;
            String[] users = {"root", "admin", "oracle", "test", "guest", "alice", "bob", "ubuntu"};
            for (long i = 1; i <= n; i++) {
                String line = String.format(Locale.ROOT, "Nov 26 %02d:%02d:%02d web01 sshd[%d]: Failed password for "
                        + "invalid user %s from 203.0.113.%d port %d ssh2", (i / 3600) % 24, (i / 60) % 60, i % 60,
                        1000 + i % 30000, users[(int) (i % users.length)], i % 250, 1024 + i % 60000);
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                off += b.length + 1;
                q.append(f, off, System.currentTimeMillis(), b, 0, b.length);
            }
            q.flush(true);
        }
        System.out.println("filled " + n);
    }

    static void ship(String dir, int port, String ca) throws Exception {
        Stats stats = new Stats();
        long peakHeap = 0;
        long peakLive = 0;
        try (DiskQueue q = DiskQueue.open(queue(dir), stats)) {
            long n = q.nextSeq() - 1 - q.acknowledged();
            ShipperSettings.Tls tls = ca.equals("plain") ? null : new ShipperSettings.Tls(Path.of(ca), null, null, null);
            ShipperSettings s = ShipperSettings.of("127.0.0.1", port, tls, "bench-agent", "web01")
                    .withReconnect(Duration.ofMillis(100), Duration.ofSeconds(1))
                    .withClock(0, Duration.ofMinutes(1), WallClock.SYSTEM);
            long cpu0 = cpu();
            long t0 = System.nanoTime();
            long half = 0;
            long cpuHalf = 0;
            long tHalf = 0;
            try (Shipper shipper = new Shipper(q, s)) {
                shipper.start();
                while (q.acknowledged() < n) {
                    Thread.sleep(20);
                    peakHeap = Math.max(peakHeap, heapUsed());
                    peakLive = Math.max(peakLive, heapAfterGc());
                    if (half == 0 && q.acknowledged() >= n / 2) {
                        half = q.acknowledged();
                        cpuHalf = cpu();
                        tHalf = System.nanoTime();
                        // the server's CPU for the second half is read by ship.sh at this line
                        System.out.println("half " + half);
                        System.out.flush();
                    }
                }
                long t1 = System.nanoTime();
                long cpu1 = cpu();
                double secs = (t1 - t0) / 1e9;
                double cpuS = (cpu1 - cpu0) / 1e9;
                long rest = n - half;
                // the second half: JIT compilation and connection set-up are over (an agent runs for months)
                System.out.printf(Locale.ROOT, "ship events=%d seconds=%.2f events_per_s=%.0f agent_cpu_s=%.2f "
                        + "agent_cpu_us_per_event=%.2f steady_events_per_s=%.0f steady_agent_cpu_us_per_event=%.2f "
                        + "heap_peak_mib=%.1f heap_live_peak_mib=%.1f heap_max_mib=%d resent=%d rtt_ms=%.0f%n", n, secs,
                        n / secs, cpuS, cpuS * 1e6 / n, rest / ((t1 - tHalf) / 1e9), (cpu1 - cpuHalf) / 1e3 / rest,
                        peakHeap / 1048576.0, peakLive / 1048576.0, Runtime.getRuntime().maxMemory() >> 20, shipper.stats().resent.sum(),
                        shipper.stats().meanRttMillis());
            }
        }
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Heap still in use after the last collection of each pool (what the agent really holds). */
    static long heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                used += p.getCollectionUsage().getUsed();
            }
        }
        return used;
    }

    /** Heap in use now (all heap pools, garbage included). */
    static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                used += p.getUsage().getUsed();
            }
        }
        return used;
    }
}

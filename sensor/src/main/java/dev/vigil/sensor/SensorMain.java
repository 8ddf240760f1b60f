package dev.vigil.sensor;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A dependency-free entry point (no picocli) used by the benchmark and for quick runs:
 * {@code java -cp sensor.jar dev.vigil.sensor.SensorMain -r FILE [-w DIR] [-C] [--json] [--only a,b] [--seed-file F] [--networks F]},
 * or {@code -i IFACE [-f FILTER] [-s SNAPLEN] [-p] [--rotate SECONDS]} for live capture.
 * The user-facing command is {@code vigil sensor}.
 */
public final class SensorMain {
    private SensorMain() {
    }

    public static void main(String[] args) throws Exception {
        SensorOptions o = new SensorOptions();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-r" -> o.input = Path.of(args[++i]);
                case "-w" -> o.outputDir = Path.of(args[++i]);
                case "-C" -> o.ignoreChecksums = true;
                case "--json" -> o.json = true;
                case "--only" -> o.only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--seed-file" -> o.seedFile = Path.of(args[++i]);
                case "--networks" -> o.networks = Path.of(args[++i]);
                case "--redef" -> o.redef(args[++i]);
                case "-i" -> o.iface = args[++i];
                case "-f" -> o.filter = args[++i];
                case "-s" -> o.snaplen = Integer.parseInt(args[++i]);
                case "-p" -> o.promiscuous = false;
                case "--rotate" -> o.rotateSeconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("SensorMain: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (o.iface != null) {
            System.exit(LiveSensor.run(o, System.err));
        }
        long t0 = System.nanoTime();
        Sensor.Result r = new Sensor(o).run();
        long ns = System.nanoTime() - t0;
        System.err.printf("packets=%d bytes=%d seconds=%.3f%n", r.packets(), r.bytes(), ns / 1e9);
        if (r.error() != null) {
            System.err.println("SensorMain: " + o.input + ": " + r.error().getMessage());
            System.exit(1);
        }
    }
}

package dev.vigil.sensor;

import dev.vigil.sensor.capture.LiveCapture;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code vigil sensor -i IFACE}: opens the interface, captures until SIGINT or SIGTERM, then logs
 * every connection still open and closes the logs, as Zeek does when it is stopped. What the user
 * sees on standard error follows tcpdump: a "listening on" line, and the packet counters at the end.
 */
public final class LiveSensor {
    /** How long libpcap may wait for a packet before the loop looks at timers, flushing and signals. */
    static final int READ_TIMEOUT_MS = 200;

    private LiveSensor() {
    }

    /**
     * Runs a live capture with {@code o} ({@link SensorOptions#iface} set) until a termination signal.
     *
     * @return the exit status: 0 after a clean stop; 1 when the capture cannot be opened or fails
     */
    public static int run(SensorOptions o, PrintStream err) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        Signal.handle(new Signal("INT"), s -> stop.set(true));
        Signal.handle(new Signal("TERM"), s -> stop.set(true));
        return run(o, err, stop);
    }

    /** As {@link #run(SensorOptions, PrintStream)}, stopping when {@code stop} is set (no signal handlers). */
    public static int run(SensorOptions o, PrintStream err, AtomicBoolean stop) throws IOException {
        LiveCapture cap;
        try {
            cap = LiveCapture.open(o.iface, o.filter, o.snaplen, o.promiscuous, READ_TIMEOUT_MS);
        } catch (LiveCapture.OpenException e) {
            err.println("vigil sensor: " + e.getMessage());
            return 1;
        }
        try (cap) {
            Sensor sensor = new Sensor(o);
            err.println("vigil sensor: listening on " + cap.iface() + ", link-type " + cap.linkType()
                    + ", snapshot length " + cap.snaplen() + " bytes" + (o.filter != null ? ", filter '" + o.filter + "'" : ""));
            err.flush();
            Sensor.Result r;
            try {
                r = sensor.runLive(cap, stop);
            } catch (IOException e) {
                err.println("vigil sensor: " + e.getMessage() + "; logs are complete up to here");
                return 1;
            }
            LiveCapture.Stats s = cap.stats();
            err.println("vigil sensor: " + r.packets() + " packets processed on " + cap.iface() + "; "
                    + s.received() + " received by filter, " + s.dropped() + " dropped by kernel, "
                    + s.ifDropped() + " dropped by interface");
            return 0;
        }
    }
}

package dev.vigil.sensor;

import java.nio.file.Path;
import java.util.Set;

/** What `vigil sensor` was asked to do. */
public final class SensorOptions {
    public Path input;
    public Path outputDir = Path.of(".");
    public boolean json;
    public boolean ignoreChecksums;
    /** Loaded scripts for --only (bare mode); null for Zeek's default mode. */
    public Set<String> only;
    public Path networks;
    public Path seedFile;
    public int maxPacket = dev.vigil.sensor.capture.CaptureReader.DEFAULT_MAX_PACKET;
    public int maxConnections = 1_000_000;
}

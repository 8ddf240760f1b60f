package dev.vigil.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's host name, as {@code hostname(1)} prints it, without a DNS lookup. */
public final class Hostname {
    private Hostname() {
    }

    public static String get() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | SecurityException e) {
            // not Linux: below
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isEmpty() ? env : "localhost";
    }
}

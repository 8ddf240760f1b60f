package dev.vigil.collector.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full: the "drops" column of
 * /proc/net/udp and /proc/net/udp6 for the local port. Linux only; elsewhere it reads 0.
 */
public final class UdpKernelDrops {
    private UdpKernelDrops() {
    }

    public static long forPort(int port) {
        return read(Path.of("/proc/net/udp"), port) + read(Path.of("/proc/net/udp6"), port);
    }

    static long read(Path table, int port) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException | SecurityException e) {
            return 0;
        }
        String hexPort = String.format(":%04X", port);
        long drops = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length >= 13 && f[1].endsWith(hexPort)) {
                try {
                    drops += Long.parseLong(f[f.length - 1]);
                } catch (NumberFormatException ignored) {
                    // a layout we do not know: report nothing rather than nonsense
                }
            }
        }
        return drops;
    }
}

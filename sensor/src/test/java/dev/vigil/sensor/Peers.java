package dev.vigil.sensor;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test peers found on the PATH. */
final class Peers {
    private Peers() {
    }

    static boolean has(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}

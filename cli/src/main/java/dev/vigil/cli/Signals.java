package dev.vigil.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a clean stop: the server closes everything and the process exits 0, as a
 * service manager expects (the JVM's default would exit 143 without letting the server finish writing).
 */
final class Signals {
    private Signals() {
    }

    static void onTermination(Runnable r) {
        Signal.handle(new Signal("TERM"), s -> r.run());
        Signal.handle(new Signal("INT"), s -> r.run());
    }
}

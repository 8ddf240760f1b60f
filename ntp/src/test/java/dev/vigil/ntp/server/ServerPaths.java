package dev.vigil.ntp.server;

import org.junit.jupiter.api.Assumptions;

/** Runs a piece of test code with the native fast path on or off (the Netty server). */
public final class ServerPaths {
    private ServerPaths() {
    }

    /** True when the build compiled the native library into the classes (gcc present). */
    public static boolean nativeBuilt() {
        return NtpServer.class.getResource("/dev/vigil/ntp/native/libvigilntp-linux-x86_64.so") != null
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    }

    /** Skips a native-path case when the library was not built. */
    public static void assumePath(boolean nativePath) {
        if (nativePath) {
            Assumptions.assumeTrue(nativeBuilt(), "skipped: native NTP library not built (no gcc at build time)");
        }
    }

    /** Interface for code that starts servers. */
    public interface Body<T> {
        T run() throws Exception;
    }

    /** Runs {@code body} with {@code vigil.ntp.native} set for the servers it starts. */
    public static <T> T with(boolean nativePath, Body<T> body) throws Exception {
        String old = System.getProperty("vigil.ntp.native");
        System.setProperty("vigil.ntp.native", Boolean.toString(nativePath));
        try {
            return body.run();
        } finally {
            if (old == null) {
                System.clearProperty("vigil.ntp.native");
            } else {
                System.setProperty("vigil.ntp.native", old);
            }
        }
    }
}

package dev.vigil.ntp.server;

import dev.vigil.ntp.source.ServedTime;
import dev.vigil.ntp.source.TimeSource;
import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The native fast path of the NTP server (Linux x86-64, our own small C library {@code vigil_ntp.c}
 * compiled by the build when gcc is present and shipped inside the jar). Each socket has one thread
 * that calls {@link #serve0} in a loop: a recvmmsg batch, plain 48-byte client and symmetric-active
 * requests answered in C from the {@link ServedTime} this class writes into the thread's state
 * buffer, one sendmmsg; every other datagram is handed back here and answered (or ignored) by the
 * Java {@link NtpResponder}, so the answers are the same as the Netty server's.
 * Off with {@code -Dvigil.ntp.native=false}; absent library means the Netty server.
 */
final class NativeNtp {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NativeNtp.class);
    static final int SLOTS = 64;
    static final int SLOT_HEADER = 64;
    static final int SLOT_DATA = 2048;
    static final int SLOT_SIZE = SLOT_HEADER + SLOT_DATA;
    static final int STATE_HEADER = 64;
    private static final String RESOURCE = "/dev/vigil/ntp/native/libvigilntp-linux-x86_64.so";

    private NativeNtp() {
    }

    /** Loads the library once, on first use (never when disabled at that point). */
    private static final class Library {
        static final boolean LOADED;
        static final String STATUS;

        static {
            boolean ok = false;
            String why;
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                    || !System.getProperty("os.arch", "").matches("amd64|x86_64")) {
                why = "not Linux x86-64";
            } else {
                try (InputStream in = NativeNtp.class.getResourceAsStream(RESOURCE)) {
                    if (in == null) {
                        why = "library not built into this jar (no gcc at build time)";
                    } else {
                        Path tmp = Files.createTempFile("vigil-ntp-", ".so");
                        try {
                            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                            System.load(tmp.toAbsolutePath().toString());
                        } finally {
                            Files.deleteIfExists(tmp); // the loaded mapping stays valid
                        }
                        ok = true;
                        why = "loaded";
                    }
                } catch (IOException | LinkageError | SecurityException e) {
                    why = "cannot load: " + e;
                }
            }
            LOADED = ok;
            STATUS = why;
        }
    }

    private static boolean disabled() {
        return "false".equalsIgnoreCase(System.getProperty("vigil.ntp.native", "true"));
    }

    /** True when the native path can be used: not disabled, and the library loaded. */
    static boolean available() {
        return !disabled() && Library.LOADED;
    }

    /** Why the native path is or is not in use. */
    static String status() {
        return disabled() ? "disabled by -Dvigil.ntp.native=false" : Library.STATUS;
    }

    static native int open0(byte[] address, int port, int bufferBytes);

    static native int localPort0(int fd);

    static native void shutdown0(int fd);

    static native void close0(int fd);

    static native long serve0(int fd, ByteBuffer state);

    static native int sendSlot0(int fd, ByteBuffer state, int slot, int len);

    /** One socket's serving loop; runs on its own thread until {@link #stop()}. */
    static final class Loop implements Runnable {
        private final int fd;
        private final NtpResponder responder;
        private final TimeSource source;
        private final WallClock clock;
        private final NtpServerStats stats;
        private final ByteBuffer state = ByteBuffer.allocateDirect(STATE_HEADER + SLOTS * SLOT_SIZE)
                .order(ByteOrder.nativeOrder());
        private final ByteBuf scratch = Unpooled.buffer(SLOT_DATA + 1);
        private final byte[] copy = new byte[SLOT_DATA];
        private volatile boolean running = true;
        private ServedTime written;
        private boolean errorLogged;

        private static void pause() {
            try {
                Thread.sleep(10); // never spin on a persistent error
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Loop(int fd, NtpResponder responder, NtpServerStats stats) {
            this.fd = fd;
            this.responder = responder;
            this.source = responder.source();
            this.clock = responder.clock();
            this.stats = stats;
            state.putInt(56, responder.maxLength());
        }

        @Override
        public void run() {
            while (running) {
                refresh();
                long r = serve0(fd, state);
                if (r < 0) {
                    if (!running) {
                        break;
                    }
                    if (!errorLogged) { // logged once; the socket keeps serving
                        errorLogged = true;
                        LOG.warn("ntp: receive on the native path failed (errno {}); retrying", -r);
                    }
                    pause();
                    continue;
                }
                int received = (int) (r & 0xFFFF);
                int replied = (int) ((r >>> 16) & 0xFFFF);
                if (replied > 0) {
                    stats.replied.add(replied);
                }
                if (received > replied) {
                    slowPath(received);
                }
            }
        }

        /** Writes the served time into the state header when the source has a new snapshot. */
        private void refresh() {
            ServedTime st = source.current(clock.epochNanos());
            if (st == written) {
                return;
            }
            written = st;
            state.putInt(0, st.leap);
            state.putInt(4, st.stratum);
            state.putInt(8, responder.precision());
            state.putInt(12, st.rootDelayShort());
            state.putInt(16, st.referenceId);
            state.putLong(24, st.referenceEpochNanos);
            state.putLong(32, st.referenceRaw());
            state.putDouble(40, st.rootDispersion);
            state.putLong(48, st.offsetNanos);
        }

        private void slowPath(int received) {
            for (int i = 0; i < received; i++) {
                int base = STATE_HEADER + i * SLOT_SIZE;
                if (state.getInt(base + 4) == 0) {
                    continue;
                }
                int len = state.getInt(base);
                long rxNanos = state.getLong(base + 48);
                int outcome;
                try {
                    int n = Math.min(len, SLOT_DATA);
                    state.get(base + SLOT_HEADER, copy, 0, n);
                    scratch.clear().writeBytes(copy, 0, n);
                    if (len > n) {
                        scratch.writeByte(0); // truncated by the kernel: too long, as the Netty path sees it
                    }
                    // the client address only matters to the rate limiter, which the native path never has
                    outcome = responder.respond(scratch, null, rxNanos);
                } catch (RuntimeException e) { // defensive: a bug must cost one packet, never the listener
                    outcome = NtpResponder.IGNORED;
                }
                switch (outcome) {
                    case NtpResponder.REPLIED:
                    case NtpResponder.KOD_SENT:
                        if (outcome == NtpResponder.REPLIED) {
                            stats.replied.increment();
                        } else {
                            stats.kod.increment();
                        }
                        int n = scratch.readableBytes();
                        scratch.getBytes(scratch.readerIndex(), copy, 0, n);
                        state.put(base + SLOT_HEADER, copy, 0, n);
                        sendSlot0(fd, state, i, n);
                        break;
                    case NtpResponder.RATE_DROPPED:
                        stats.rateDropped.increment();
                        break;
                    default:
                        stats.ignored.increment();
                }
            }
        }

        void stop() {
            running = false;
            shutdown0(fd);
        }
    }
}

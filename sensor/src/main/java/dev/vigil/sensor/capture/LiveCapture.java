package dev.vigil.sensor.capture;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

import java.io.Closeable;
import java.io.IOException;

/**
 * Packets from a network interface through the system's libpcap, as Zeek's {@code -i} and
 * tcpdump read them: snapshot length, promiscuous mode, a BPF filter. The handle is non-blocking
 * and {@link #next} waits in poll(2) with a timeout, so the caller regains control when the link is
 * idle (on Linux, a blocking read with TPACKET_V3 may never return while no packet arrives).
 * Opening needs root or the CAP_NET_RAW capability.
 */
public final class LiveCapture implements Closeable {
    /** Why a capture could not be opened; {@link #getMessage()} is the line to show the user. */
    public static final class OpenException extends IOException {
        private static final long serialVersionUID = 1L;

        /** What went wrong. */
        public enum Reason { NO_LIBPCAP, NOT_PERMITTED, NO_SUCH_DEVICE, BAD_FILTER, OTHER }

        private final Reason reason;

        OpenException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Counters from {@code pcap_stats}: packets seen by the filter, dropped by the kernel, by the interface. */
    public record Stats(long received, long dropped, long ifDropped) {
    }

    private static final int DEFAULT_BUFFER = 32 << 20;

    private final LibPcap pcap;
    private final Pointer handle;
    private final String iface;
    private final int linkType;
    private final int snaplen;
    private final PointerByReference header = new PointerByReference();
    private final PointerByReference data = new PointerByReference();
    private final int longSize = NativeLong.SIZE;
    private final LibPcap.LibC libc;
    private final int fd;
    private final int timeoutMs;
    private final Memory pollfd = new Memory(8); // struct pollfd: int fd; short events; short revents
    private byte[] buf = new byte[65_536];
    private boolean closed;

    private LiveCapture(LibPcap pcap, Pointer handle, String iface, int snaplen, int timeoutMs) {
        this.pcap = pcap;
        this.handle = handle;
        this.iface = iface;
        this.snaplen = snaplen;
        this.timeoutMs = timeoutMs;
        this.linkType = pcap.pcap_datalink(handle);
        this.fd = pcap.pcap_get_selectable_fd(handle);
        this.libc = fd >= 0 ? LibPcap.LibC.load() : null;
    }

    /**
     * Opens {@code iface} for capture.
     *
     * @param filter      a BPF expression (pcap-filter(7)), or null for every packet
     * @param snaplen     bytes kept of each packet
     * @param promiscuous whether to put the interface in promiscuous mode
     * @param timeoutMs   how long {@link #next} may wait for a packet before returning
     * @throws OpenException with the line to show the user (libpcap absent, not permitted, ...)
     */
    public static LiveCapture open(String iface, String filter, int snaplen, boolean promiscuous, int timeoutMs)
            throws OpenException {
        LibPcap pcap;
        try {
            pcap = LibPcap.load();
        } catch (UnsatisfiedLinkError e) {
            throw new OpenException(OpenException.Reason.NO_LIBPCAP,
                    "live capture needs libpcap, which is not installed (Debian: apt-get install libpcap0.8)");
        }
        byte[] err = new byte[LibPcap.ERRBUF_SIZE];
        Pointer p = pcap.pcap_create(iface, err);
        if (p == null) {
            throw new OpenException(OpenException.Reason.OTHER, "cannot capture on " + iface + ": " + text(err));
        }
        boolean ok = false;
        try {
            pcap.pcap_set_snaplen(p, snaplen);
            pcap.pcap_set_promisc(p, promiscuous ? 1 : 0);
            pcap.pcap_set_timeout(p, timeoutMs);
            pcap.pcap_set_buffer_size(p, DEFAULT_BUFFER);
            int status = pcap.pcap_activate(p);
            if (status < 0) {
                throw activateError(pcap, p, iface, status);
            }
            if (filter != null && !filter.isBlank()) {
                Memory program = new Memory(16); // struct bpf_program: u_int bf_len; struct bpf_insn *bf_insns
                if (pcap.pcap_compile(p, program, filter, 1, LibPcap.NETMASK_UNKNOWN) != 0) {
                    throw new OpenException(OpenException.Reason.BAD_FILTER,
                            "bad capture filter '" + filter + "': " + pcap.pcap_geterr(p));
                }
                int set = pcap.pcap_setfilter(p, program);
                pcap.pcap_freecode(program);
                if (set != 0) {
                    throw new OpenException(OpenException.Reason.BAD_FILTER,
                            "cannot set capture filter '" + filter + "': " + pcap.pcap_geterr(p));
                }
            }
            if (pcap.pcap_setnonblock(p, 1, err) != 0) {
                throw new OpenException(OpenException.Reason.OTHER, "cannot capture on " + iface + ": " + text(err));
            }
            ok = true;
            return new LiveCapture(pcap, p, iface, snaplen, timeoutMs);
        } finally {
            if (!ok) {
                pcap.pcap_close(p);
            }
        }
    }

    private static OpenException activateError(LibPcap pcap, Pointer p, String iface, int status) {
        String detail = pcap.pcap_geterr(p);
        if (detail == null || detail.isBlank()) {
            detail = pcap.pcap_statustostr(status);
        }
        return switch (status) {
            case LibPcap.ERROR_PERM_DENIED, LibPcap.ERROR_PROMISC_PERM_DENIED -> new OpenException(
                    OpenException.Reason.NOT_PERMITTED,
                    "capturing on " + iface + " is not permitted (" + detail + "): run as root, or with the"
                    + " CAP_NET_RAW and CAP_NET_ADMIN capabilities (systemd: AmbientCapabilities=CAP_NET_RAW"
                    + " CAP_NET_ADMIN; shell: sudo setpriv --reuid=$USER --init-groups --inh-caps=+net_raw,+net_admin"
                    + " --ambient-caps=+net_raw,+net_admin bin/vigil sensor -i " + iface + " ...)");
            case LibPcap.ERROR_NO_SUCH_DEVICE -> new OpenException(OpenException.Reason.NO_SUCH_DEVICE,
                    "no such interface " + iface + " (" + detail + "); see ip link");
            default -> new OpenException(OpenException.Reason.OTHER, "cannot capture on " + iface + ": " + detail);
        };
    }

    private static String text(byte[] err) {
        int n = 0;
        while (n < err.length && err[n] != 0) {
            n++;
        }
        return new String(err, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The link-layer header type (DLT) of the interface. */
    public int linkType() {
        return linkType;
    }

    public String iface() {
        return iface;
    }

    public int snaplen() {
        return snaplen;
    }

    /** libpcap's version string. */
    public String libraryVersion() {
        return pcap.pcap_lib_version();
    }

    /**
     * Waits for the next packet (at most the read timeout) and hands it to {@code sink}.
     *
     * @return true when a packet was delivered, false when the timeout expired first
     * @throws IOException when libpcap reports an error (the interface went down, ...)
     */
    public boolean next(PacketSink sink) throws IOException {
        int r = pcap.pcap_next_ex(handle, header, data);
        if (r == 0) {
            waitReadable();
            r = pcap.pcap_next_ex(handle, header, data);
        }
        if (r == 0 || r == -2) {
            return false;
        }
        if (r < 0) {
            throw new IOException("capture on " + iface + " failed: " + pcap.pcap_geterr(handle));
        }
        Pointer h = header.getValue();
        long sec = longSize == 8 ? h.getLong(0) : h.getInt(0) & 0xffffffffL;
        int usec = (int) (longSize == 8 ? h.getLong(8) : h.getInt(4));
        int caplen = h.getInt(2L * longSize);
        int wire = h.getInt(2L * longSize + 4);
        if (caplen > buf.length) {
            buf = new byte[Math.max(caplen, 2 * buf.length)];
        }
        data.getValue().read(0, buf, 0, caplen);
        sink.packet(linkType, sec, usec, buf, 0, caplen, wire);
        return true;
    }

    /** Waits until the capture descriptor is readable or the timeout passes. */
    private void waitReadable() throws IOException {
        if (libc == null) {
            try {
                Thread.sleep(Math.min(timeoutMs, 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        pollfd.setInt(0, fd);
        pollfd.setShort(4, LibPcap.LibC.POLLIN);
        pollfd.setShort(6, (short) 0);
        libc.poll(pollfd, 1, timeoutMs); // EINTR or a timeout: the caller comes back
    }

    /** Packets received and dropped so far. */
    public Stats stats() {
        try (Memory m = new Memory(12)) {
            if (pcap.pcap_stats(handle, m) != 0) {
                return new Stats(-1, -1, -1);
            }
            return new Stats(m.getInt(0) & 0xffffffffL, m.getInt(4) & 0xffffffffL, m.getInt(8) & 0xffffffffL);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            pcap.pcap_close(handle);
            pollfd.close();
        }
    }
}

package dev.vigil.sensor.capture;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The few libpcap functions live capture needs (pcap(3PCAP)), called through JNA. Pointers to
 * {@code pcap_t} and to {@code struct bpf_program} stay opaque.
 */
interface LibPcap extends Library {
    /** {@code PCAP_ERRBUF_SIZE}. */
    int ERRBUF_SIZE = 256;
    /** {@code PCAP_ERROR_NO_SUCH_DEVICE}, pcap_activate(3PCAP). */
    int ERROR_NO_SUCH_DEVICE = -5;
    /** {@code PCAP_ERROR_PERM_DENIED}: the process may not open a capture device. */
    int ERROR_PERM_DENIED = -8;
    /** {@code PCAP_ERROR_PROMISC_PERM_DENIED}: capturing is allowed, promiscuous mode is not. */
    int ERROR_PROMISC_PERM_DENIED = -11;
    /** {@code PCAP_NETMASK_UNKNOWN}, for pcap_compile(3PCAP) when the netmask is not known. */
    int NETMASK_UNKNOWN = 0xffffffff;

    Pointer pcap_create(String source, byte[] errbuf);

    int pcap_set_snaplen(Pointer p, int snaplen);

    int pcap_set_promisc(Pointer p, int promisc);

    int pcap_set_timeout(Pointer p, int milliseconds);

    int pcap_set_buffer_size(Pointer p, int bytes);

    int pcap_activate(Pointer p);

    String pcap_geterr(Pointer p);

    String pcap_statustostr(int status);

    int pcap_datalink(Pointer p);

    int pcap_compile(Pointer p, Pointer program, String expression, int optimize, int netmask);

    int pcap_setfilter(Pointer p, Pointer program);

    void pcap_freecode(Pointer program);

    /** 1: a packet; 0: the timeout expired; -1: an error; -2: no more packets (pcap_breakloop). */
    int pcap_next_ex(Pointer p, PointerByReference header, PointerByReference data);

    /** Fills {@code struct pcap_stat}: ps_recv, ps_drop, ps_ifdrop (three unsigned ints). */
    int pcap_stats(Pointer p, Pointer stats);

    void pcap_close(Pointer p);

    String pcap_lib_version();

    int pcap_setnonblock(Pointer p, int nonblock, byte[] errbuf);

    int pcap_get_selectable_fd(Pointer p);

    /** The C library's poll(2), to wait for the capture descriptor with a timeout. */
    interface LibC extends Library {
        /** {@code POLLIN}. */
        short POLLIN = 0x1;

        int poll(Pointer fds, long nfds, int timeoutMs);

        static LibC load() {
            return Native.load("c", LibC.class);
        }
    }

    /**
     * Loads the system's libpcap: {@code libpcap.so} when the development package is installed,
     * else the runtime library's versioned names (Debian's libpcap0.8 ships only {@code libpcap.so.0.8}).
     *
     * @throws UnsatisfiedLinkError naming the names tried when none loads
     */
    static LibPcap load() {
        UnsatisfiedLinkError first = null;
        for (String name : new String[] {"pcap", "libpcap.so.1", "libpcap.so.0.8", "wpcap"}) {
            try {
                return Native.load(name, LibPcap.class);
            } catch (UnsatisfiedLinkError e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw new UnsatisfiedLinkError("libpcap not found (tried libpcap.so, libpcap.so.1, libpcap.so.0.8): "
                + (first == null ? "" : first.getMessage()));
    }
}

package dev.vigil.ntp.server;

import dev.vigil.ntp.source.WallClock;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The UDP listener. With native epoll (Linux) every address gets one socket per event loop bound
 * with SO_REUSEPORT, so the kernel spreads clients over the cores, and each socket reads with
 * recvmmsg and writes a batch of replies with sendmmsg; elsewhere one NIO socket per address.
 * Binding no address means the IPv6 wildcard, which also takes IPv4 (dual stack).
 */
public final class NtpServer implements AutoCloseable {
    private static final int MAX_DATAGRAM = 2048;
    private static final int BATCH = 32;
    private static final int SOCKET_BUFFER = 4 << 20;

    private final EventLoopGroup group;
    private final List<Channel> channels;
    private final NtpServerStats stats;
    private final int port;
    /** The native path: one socket, loop and thread each (empty with Netty). */
    private final List<NativeSocket> natives;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private NtpServer(EventLoopGroup group, List<Channel> channels, NtpServerStats stats, int port,
                      List<NativeSocket> natives) {
        this.group = group;
        this.channels = channels;
        this.stats = stats;
        this.port = port;
        this.natives = natives;
    }

    private static final class NativeSocket {
        final int fd;
        final InetSocketAddress local;
        NativeNtp.Loop loop;
        Thread thread;

        NativeSocket(int fd, InetSocketAddress local) {
            this.fd = fd;
            this.local = local;
        }
    }

    /**
     * True when {@link #start} will serve through the native fast path: the library is loaded, not
     * disabled ({@code -Dvigil.ntp.native=false}), no rate limit, and the system clock.
     */
    public static boolean nativePath(NtpResponder responder, WallClock clock) {
        return NativeNtp.available() && !responder.rateLimited() && clock == WallClock.SYSTEM
                && responder.clock() == WallClock.SYSTEM && !Boolean.getBoolean("vigil.ntp.nio");
    }

    /** Why the native fast path is or is not available (for logs). */
    public static String nativeStatus() {
        return NativeNtp.status();
    }

    /** True when this server runs the native fast path. */
    public boolean isNative() {
        return !natives.isEmpty();
    }

    /**
     * Starts listening.
     *
     * @param addresses where to bind; empty for the wildcard (IPv6 dual stack, or IPv4)
     * @param port the UDP port, 0 for an ephemeral one (all addresses then share the first one chosen)
     * @param threads event loops (sockets per address with epoll); 0 for one per core
     * @throws IOException when the port cannot be bound, naming the port
     */
    public static NtpServer start(List<InetAddress> addresses, int port, int threads, NtpResponder responder,
                                  WallClock clock) throws IOException {
        if (nativePath(responder, clock)) {
            return startNative(addresses, port, threads, responder);
        }
        boolean epoll = Epoll.isAvailable() && !Boolean.getBoolean("vigil.ntp.nio");
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        int perAddress = epoll ? loops : 1;
        EventLoopGroup group = epoll
                ? new EpollEventLoopGroup(loops, new DefaultThreadFactory("vigil-ntp"))
                : new NioEventLoopGroup(loops, new DefaultThreadFactory("vigil-ntp"));
        NtpServerStats stats = new NtpServerStats();
        List<Channel> channels = new ArrayList<>();
        int bound = port;
        try {
            List<InetAddress> targets = new ArrayList<>(addresses);
            if (targets.isEmpty()) {
                targets.add(null);
            }
            for (InetAddress address : targets) {
                for (int i = 0; i < perAddress; i++) {
                    Bootstrap b = new Bootstrap().group(group)
                            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                            .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                            .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                            .handler(new NtpServerHandler(responder, clock, stats));
                    if (epoll) {
                        b.channel(EpollDatagramChannel.class)
                                .option(EpollChannelOption.SO_REUSEPORT, true)
                                .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM)
                                .option(ChannelOption.RCVBUF_ALLOCATOR,
                                        new FixedRecvByteBufAllocator(MAX_DATAGRAM * BATCH).maxMessagesPerRead(16));
                    } else {
                        b.channelFactory(() -> new NioDatagramChannel(address == null || address instanceof java.net.Inet6Address
                                ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4))
                                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
                    }
                    InetSocketAddress where = address == null ? new InetSocketAddress(bound)
                            : new InetSocketAddress(address, bound);
                    Channel ch;
                    try {
                        if (epoll && i == 0 && bound != 0) {
                            probeFree(where);
                        }
                        ch = b.bind(where).sync().channel();
                    } catch (Exception e) {
                        throw bindFailure(where, e);
                    }
                    channels.add(ch);
                    if (bound == 0) {
                        bound = ((InetSocketAddress) ch.localAddress()).getPort();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(channels, group);
            throw e;
        }
        return new NtpServer(group, channels, stats, bound, List.of());
    }

    private static NtpServer startNative(List<InetAddress> addresses, int port, int threads, NtpResponder responder)
            throws IOException {
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        NtpServerStats stats = new NtpServerStats();
        List<NativeSocket> sockets = new ArrayList<>();
        int bound = port;
        try {
            List<InetAddress> targets = new ArrayList<>(addresses);
            if (targets.isEmpty()) {
                targets.add(null);
            }
            for (InetAddress address : targets) {
                for (int i = 0; i < loops; i++) {
                    InetSocketAddress where = address == null ? new InetSocketAddress(bound)
                            : new InetSocketAddress(address, bound);
                    if (i == 0 && bound != 0) {
                        try {
                            probeFree(where);
                        } catch (IOException e) {
                            throw bindFailure(where, e);
                        }
                    }
                    int fd = NativeNtp.open0(address == null ? null : address.getAddress(), bound, SOCKET_BUFFER);
                    if (fd < 0) {
                        throw bindFailure(where, new IOException(errno(-fd)));
                    }
                    int p = NativeNtp.localPort0(fd);
                    NativeSocket ns = new NativeSocket(fd, new InetSocketAddress(
                            address == null ? InetAddress.getByAddress(new byte[16]) : address, p));
                    sockets.add(ns);
                    if (bound == 0) {
                        bound = p;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            for (NativeSocket ns : sockets) {
                NativeNtp.close0(ns.fd);
            }
            throw e;
        }
        int n = 0;
        for (NativeSocket ns : sockets) {
            ns.loop = new NativeNtp.Loop(ns.fd, responder, stats);
            ns.thread = new Thread(ns.loop, "vigil-ntp-native-" + (++n));
            ns.thread.setDaemon(true);
            ns.thread.start();
        }
        return new NtpServer(null, List.of(), stats, bound, sockets);
    }

    private static String errno(int e) {
        switch (e) {
            case 98: return "Address already in use";
            case 99: return "Cannot assign requested address";
            case 13: return "Permission denied";
            case 97: return "Address family not supported by protocol";
            default: return "errno " + e;
        }
    }

    /**
     * SO_REUSEPORT would let a second server (same user) silently share the port and half the
     * clients; a plain bind first makes "port in use" fail as it should.
     */
    private static void probeFree(InetSocketAddress where) throws IOException {
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(where);
        }
    }

    private static IOException bindFailure(InetSocketAddress where, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        String at = (where.getAddress() == null || where.getAddress().isAnyLocalAddress() ? "*"
                : where.getAddress().getHostAddress()) + ":" + where.getPort();
        BindException be = new BindException("cannot bind NTP on UDP " + at + ": " + why
                + (where.getPort() < 1024 ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE; choose another"
                + " with --ntp-port or ntp.port)" : ""));
        be.initCause(e);
        return be;
    }

    /** The bound UDP port. */
    public int port() {
        return port;
    }

    /** Live counters. */
    public NtpServerStats stats() {
        return stats;
    }

    /** Local addresses of the sockets. */
    public List<InetSocketAddress> localAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Channel c : channels) {
            out.add((InetSocketAddress) c.localAddress());
        }
        for (NativeSocket ns : natives) {
            out.add(ns.local);
        }
        return out;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!natives.isEmpty()) {
            for (NativeSocket ns : natives) {
                ns.loop.stop();
            }
            for (NativeSocket ns : natives) {
                try {
                    ns.thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                NativeNtp.close0(ns.fd);
            }
            return;
        }
        closeAll(channels, group);
    }

    private static void closeAll(List<Channel> channels, EventLoopGroup group) {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}

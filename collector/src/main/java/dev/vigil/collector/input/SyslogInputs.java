package dev.vigil.collector.input;

import dev.vigil.collector.pipeline.MainQueue;
import dev.vigil.core.syslog.SyslogParser;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts and stops the syslog listeners; one log line per listener at start. */
public final class SyslogInputs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogInputs.class);

    private final SyslogParser parser;
    private final MainQueue queue;
    private final HostResolver resolver;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final List<Channel> channels = new ArrayList<>();
    /** Open TCP/TLS connections, drained at {@link #close()}. */
    private final java.util.Set<Channel> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Handlers of connections, kept after their connection closed while a batch of theirs still waits for the
     * queue (a sender that wrote and closed at once), so the drain waits for that batch too.
     */
    private final java.util.Map<Channel, TcpSyslogHandler> handlers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<InputStats> stats = new ArrayList<>();

    public SyslogInputs(SyslogParser parser, MainQueue queue, HostResolver resolver) {
        this.parser = parser;
        this.queue = queue;
        this.resolver = resolver;
        if (Epoll.isAvailable()) {
            boss = new EpollEventLoopGroup(1);
            workers = new EpollEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        } else {
            boss = new NioEventLoopGroup(1);
            workers = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** A bind failure, with the one line a user needs to fix it. */
    public static final class BindFailure extends IOException {
        private static final long serialVersionUID = 1L;

        BindFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Starts one listener and returns its counters; the bound port is in {@link #port(InputStats)}.
     *
     * @throws BindFailure when the address or port cannot be bound, saying why and what to do
     */
    public InputStats start(ListenerConfig cfg) throws IOException {
        InetSocketAddress addr = cfg.address() == null || cfg.address().isEmpty() || cfg.address().equals("*")
                ? anyAddress(cfg.port()) : new InetSocketAddress(cfg.address(), cfg.port());
        InputStats st = new InputStats(cfg.name(), cfg.protocol().name().toLowerCase(java.util.Locale.ROOT));
        Channel ch;
        try {
            ch = cfg.protocol() == ListenerConfig.Protocol.UDP ? startUdp(addr, st, cfg) : startTcp(addr, st, cfg);
        } catch (Exception e) {
            throw bindFailure(cfg, e);
        }
        channels.add(ch);
        stats.add(st);
        InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "*" : bound.getAddress().getHostAddress();
        LOG.info("listening for syslog on {} {}:{}", st.protocol, host, bound.getPort());
        return st;
    }

    /** All addresses: "::" (a dual-stack socket takes IPv4 and IPv6 senders) where IPv6 exists, else 0.0.0.0. */
    static InetSocketAddress anyAddress(int port) {
        try {
            java.net.InetAddress v6 = java.net.InetAddress.getByName("::");
            try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress(v6, 0))) {
                return new InetSocketAddress(v6, port);
            }
        } catch (IOException e) {
            return new InetSocketAddress("0.0.0.0", port);
        }
    }

    private static BindFailure bindFailure(ListenerConfig cfg, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = cfg.protocol().name().toLowerCase(java.util.Locale.ROOT) + " port " + cfg.port();
        String msg = String.valueOf(root.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (msg.contains("permission denied") || msg.contains("eacces")) {
            return new BindFailure("cannot listen on " + what + ": permission denied (ports below 1024 need root or "
                    + "CAP_NET_BIND_SERVICE); choose another port with --syslog-port N", e);
        }
        if (root instanceof BindException || msg.contains("address already in use")) {
            return new BindFailure("cannot listen on " + what + ": address already in use (is rsyslogd running?); "
                    + "stop it or choose another port with --syslog-port N", e);
        }
        if (root instanceof SocketException || root instanceof IOException) {
            return new BindFailure("cannot listen on " + what + ": " + root.getMessage(), e);
        }
        return new BindFailure("cannot listen on " + what + ": " + root, e);
    }

    private Channel startUdp(InetSocketAddress addr, InputStats st, ListenerConfig cfg) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(workers);
        if (Epoll.isAvailable() && addr.getAddress() instanceof Inet4Address) {
            // an IPv4 address gets an IPv4 socket (epoll would open a dual-stack IPv6 one, listed under udp6)
            b.channelFactory((io.netty.channel.ChannelFactory<EpollDatagramChannel>)
                    () -> new EpollDatagramChannel(InternetProtocolFamily.IPv4));
        } else {
            b.channel(Epoll.isAvailable() ? EpollDatagramChannel.class : NioDatagramChannel.class);
        }
        b
                .option(ChannelOption.SO_RCVBUF, 8 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(Math.max(parser.options().maxMessageSize() + 1, 2048) + 1024))
                .handler(new UdpSyslogHandler(parser, queue, st, resolver, cfg.name(), cfg.ruleset()));
        return b.bind(addr).sync().channel();
    }

    private Channel startTcp(InetSocketAddress addr, InputStats st, ListenerConfig cfg) throws Exception {
        SslContext ssl = cfg.protocol() == ListenerConfig.Protocol.TLS ? sslContext(cfg.tls()) : null;
        AtomicInteger open = new AtomicInteger();
        int maxSessions = cfg.maxSessions() > 0 ? cfg.maxSessions() : ListenerConfig.DEFAULT_MAX_SESSIONS;
        ServerBootstrap b = new ServerBootstrap().group(boss, workers);
        if (Epoll.isAvailable() && addr.getAddress() instanceof Inet4Address) {
            b.channelFactory((io.netty.channel.ChannelFactory<EpollServerSocketChannel>)
                    () -> new EpollServerSocketChannel(InternetProtocolFamily.IPv4));
        } else {
            b.channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
        }
        b
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (open.incrementAndGet() > maxSessions) {
                            open.decrementAndGet();
                            st.connectionsRejected.increment();
                            ch.close();
                            return;
                        }
                        st.connectionsOpened.increment();
                        connections.add(ch);
                        ch.closeFuture().addListener(f -> {
                            open.decrementAndGet();
                            connections.remove(ch);
                            handlers.entrySet().removeIf(e -> !e.getKey().isOpen() && !e.getValue().holding());
                        });
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        TcpSyslogHandler h = new TcpSyslogHandler(parser, queue, st, resolver, cfg.name(),
                                cfg.ruleset());
                        handlers.put(ch, h);
                        ch.pipeline().addLast(h);
                    }
                });
        return b.bind(addr).sync().channel();
    }

    static SslContext sslContext(ListenerConfig.TlsSettings t) throws IOException {
        if (t == null || t.certFile() == null || t.keyFile() == null) {
            throw new IOException("TLS needs a certificate and a key file (PEM)");
        }
        SslContextBuilder b = SslContextBuilder.forServer(t.certFile().toFile(), t.keyFile().toFile());
        if (t.caFile() != null) {
            b.trustManager(t.caFile().toFile());
            b.clientAuth(t.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        return b.build();
    }

    /** The port a listener is bound to (useful when it was started on port 0). */
    public int port(InputStats st) {
        int i = stats.indexOf(st);
        return ((InetSocketAddress) channels.get(i).localAddress()).getPort();
    }

    public List<InputStats> stats() {
        return List.copyOf(stats);
    }

    /**
     * Stops accepting, then drains the open connections before closing them: a connection is closed once a
     * probe finds that nothing arrived on it across a full turn of its event loop and no batch of it waits
     * for room in the queue, so what senders wrote before the stop is read and delivered, not left in the
     * kernel's buffers. After {@link #DRAIN_MILLIS} the rest are closed anyway; a batch still waiting then
     * is counted as dropped. The main queue must still be running (it is closed after the inputs).
     */
    @Override
    public void close() {
        for (Channel c : channels) {
            c.close().syncUninterruptibly();
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            java.util.Map<Channel, java.util.concurrent.CompletableFuture<Boolean>> probes = new java.util.HashMap<>();
            for (Channel c : connections) {
                TcpSyslogHandler h = c.pipeline().get(TcpSyslogHandler.class);
                probes.put(c, h == null ? java.util.concurrent.CompletableFuture.completedFuture(true) : h.probeQuiet());
            }
            for (java.util.Map.Entry<Channel, java.util.concurrent.CompletableFuture<Boolean>> p : probes.entrySet()) {
                boolean quiet;
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    quiet = p.getValue().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    quiet = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    quiet = true;
                }
                if (quiet) {
                    p.getKey().close().syncUninterruptibly();
                }
            }
        }
        for (Channel c : connections) {
            c.close().syncUninterruptibly();
        }
        List<TcpSyslogHandler> closing = new ArrayList<>(handlers.values());
        while (System.nanoTime() < deadline && closing.stream().anyMatch(TcpSyslogHandler::holding)) {
            sleep(10);
        }
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        int left = (int) closing.stream().filter(TcpSyslogHandler::holding).count();
        if (left > 0) {
            LOG.warn("{} connection(s) still had a batch waiting for the queue after {} ms; dropped and counted",
                    left, DRAIN_MILLIS);
            closing.forEach(TcpSyslogHandler::dropHeld);
        }
    }

    /** The longest the drain waits at close. */
    static final long DRAIN_MILLIS = 10_000;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.vigil.server.agent;

import dev.vigil.agent.protocol.AgentFrameDecoder;
import dev.vigil.agent.protocol.AgentMessages;
import dev.vigil.agent.protocol.AgentProtocolException;
import dev.vigil.collector.input.ListenerConfig;
import dev.vigil.collector.pipeline.MainQueue;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's agent listener: TCP with TLS (plain TCP only when configured), one {@link AgentSession} per connection. */
public final class AgentListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentListener.class);
    /** The input name of agent events ({@code $inputname} in rsyslog rules). */
    public static final String INPUT_NAME = AgentEvents.INPUT_NAME;

    /**
     * @param address address to bind; null or empty for all
     * @param port port, 0 for any free one
     * @param tls certificate files; null for plain TCP
     * @param maxFrameBytes the largest frame accepted
     */
    public record Config(String address, int port, ListenerConfig.TlsSettings tls, int maxFrameBytes) {
    }

    private final Config config;
    private final AgentLedger ledger;
    private final MainQueue queue;
    private final AgentStats stats;
    private final BiConsumer<String, Double> ntpOffsets;
    private final Set<AgentProtocolException.Reason> logged = EnumSet.noneOf(AgentProtocolException.Reason.class);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel channel;
    private volatile boolean stopping;

    /**
     * @param ntpOffsets told each clock report: the agent's host name and its offset (server minus agent, seconds)
     */
    public AgentListener(Config config, AgentLedger ledger, MainQueue queue, AgentStats stats,
            BiConsumer<String, Double> ntpOffsets) {
        this.config = config;
        this.ledger = ledger;
        this.queue = queue;
        this.stats = stats;
        this.ntpOffsets = ntpOffsets;
    }

    /** Binds and returns the port. */
    public int start() throws IOException {
        SslContext ssl = config.tls() == null ? null : sslContext(config.tls());
        boolean epoll = Epoll.isAvailable();
        boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        workers = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
        ServerBootstrap b = new ServerBootstrap().group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        stats.connectionsOpened.increment();
                        stats.connectionsOpen.incrementAndGet();
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new AgentFrameDecoder(config.maxFrameBytes()));
                        ch.pipeline().addLast(new AgentSession(AgentListener.this));
                    }
                });
        InetSocketAddress addr = config.address() == null || config.address().isEmpty()
                ? new InetSocketAddress(config.port()) : new InetSocketAddress(config.address(), config.port());
        try {
            channel = b.bind(addr).sync().channel();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen for agents on tcp port " + config.port() + ": " + e.getMessage()
                    + "; choose another port with --agent-port N", e);
        }
        int port = ((InetSocketAddress) channel.localAddress()).getPort();
        LOG.info("listening for agents on tcp {}:{} ({})", config.address() == null ? "*" : config.address(), port,
                ssl == null ? "plain TCP: tests and labs only" : "TLS");
        return port;
    }

    private static SslContext sslContext(ListenerConfig.TlsSettings t) throws IOException {
        if (t.certFile() == null || t.keyFile() == null) {
            throw new IOException("the agent listener's TLS needs a certificate and a key file (PEM)");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(t.certFile().toFile(), t.keyFile().toFile());
            if (t.caFile() != null) {
                b.trustManager(t.caFile().toFile());
                b.clientAuth(t.requireClientCert() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use the agent listener's TLS files: " + e.getMessage(), e);
        }
    }

    AgentLedger ledger() {
        return ledger;
    }

    AgentStats stats() {
        return stats;
    }

    MainQueue queue() {
        return queue;
    }

    int maxFrameBytes() {
        return config.maxFrameBytes();
    }

    boolean stopping() {
        return stopping;
    }

    /** A bad frame: counted; the first of each kind is logged. */
    void badFrame(AgentProtocolException e, String peer) {
        stats.frameErrors(e.reason()).increment();
        boolean first;
        synchronized (logged) {
            first = logged.add(e.reason());
        }
        if (first) {
            LOG.warn("agent at {} sent a bad frame ({}): {}; the connection is closed and the agent sends again what "
                    + "was not acknowledged (further bad frames are counted in vigil_agent_frame_errors)", peer,
                    e.reason().label(), e.getMessage());
        }
    }

    /** A clock report: kept for the agent's next events and handed to the skew watch. */
    void clock(AgentState s, String hostName, AgentMessages.ClockReport r) {
        synchronized (s) {
            s.offsetNanos = Math.round(r.offsetSeconds() * 1e9);
            s.delaySeconds = r.delaySeconds();
            s.clockReportedAtMillis = System.currentTimeMillis();
        }
        stats.clockReports.increment();
        ntpOffsets.accept(hostName, r.offsetSeconds());
    }

    /** Stops accepting and closes every agent connection (agents resend what was not acknowledged). */
    @Override
    public void close() {
        stopping = true;
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}

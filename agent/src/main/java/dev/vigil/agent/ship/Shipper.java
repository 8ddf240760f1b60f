package dev.vigil.agent.ship;

import dev.vigil.agent.protocol.AgentFrameDecoder;
import dev.vigil.agent.protocol.AgentMessages;
import dev.vigil.agent.protocol.AgentProtocol;
import dev.vigil.agent.protocol.EventBatches;
import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.agent.queue.ShipQueue;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships the agent's queue to the server: connects (TLS unless configured otherwise), says hello with
 * the agent id, skips what the server's welcome says it already holds, then sends batches with up to
 * {@code maxInFlight} unacknowledged and acknowledges the queue as cumulative acks arrive. A lost
 * connection is re-established with exponential backoff and the queue rewound to its last ack: the
 * server drops what it already has, so every event arrives once. Every minute the clock offset
 * against the server's NTP service is measured and reported.
 */
public final class Shipper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Shipper.class);
    /** Largest frame the server sends us (welcome, acks, errors are small). */
    private static final int MAX_SERVER_FRAME = 64 << 10;
    private static final long WELCOME_TIMEOUT_MILLIS = 30_000;
    private static final long DRAIN_MILLIS = 5_000;

    private final ShipQueue queue;
    private final ShipperSettings settings;
    private final ShipperStats stats = new ShipperStats();
    private final ClockProbe clock;
    private final EventLoopGroup group = new NioEventLoopGroup(1, r -> {
        Thread t = new Thread(r, "vigil-shipper-io");
        t.setDaemon(true);
        return t;
    });
    private final SslContext ssl;
    private final Thread thread;
    private volatile boolean closing;
    private volatile ShipConnection current;
    private long highestSentEver;
    private String lastProblem;

    /**
     * @throws IOException when the TLS files cannot be read
     */
    public Shipper(ShipQueue queue, ShipperSettings settings) throws IOException {
        this.queue = queue;
        this.settings = settings;
        this.ssl = settings.tls() == null ? null : sslContext(settings.tls());
        this.clock = new ClockProbe(settings, stats);
        this.thread = new Thread(this::run, "vigil-shipper");
    }

    private static SslContext sslContext(ShipperSettings.Tls tls) throws IOException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (tls.caFile() != null) {
                b.trustManager(tls.caFile().toFile());
            }
            if (tls.certFile() != null) {
                b.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
            }
            return b.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IOException("cannot use the TLS files (" + tls.caFile() + ", " + tls.certFile() + ", "
                    + tls.keyFile() + "): " + e.getMessage(), e);
        }
    }

    /** Starts shipping (and measuring the clock) on threads of its own. */
    public void start() {
        if (settings.ntpPort() > 0) {
            clock.start();
        }
        thread.start();
    }

    public ShipperStats stats() {
        return stats;
    }

    /** True while a connection is established and welcomed. */
    public boolean connected() {
        ShipConnection c = current;
        return c != null && !c.dead() && c.welcome().isDone() && !c.welcome().isCompletedExceptionally();
    }

    private void run() {
        if (settings.ntpPort() > 0) {
            try {
                clock.awaitFirstAttempt(5_000); // so that a backlog is not shipped before the offset that corrects it
            } catch (InterruptedException e) {
                return;
            }
        }
        long backoff = settings.reconnectMin().toMillis();
        boolean everConnected = false;
        while (!closing) {
            ShipConnection c = null;
            boolean welcomed = false;
            try {
                c = connect();
                AgentMessages.Welcome w = c.awaitWelcome(WELCOME_TIMEOUT_MILLIS);
                if (w.version() != AgentProtocol.VERSION) {
                    throw new IOException("the server speaks protocol version " + w.version() + ", this agent "
                            + AgentProtocol.VERSION);
                }
                welcomed = true;
                stats.connects.increment();
                if (everConnected) {
                    stats.reconnects.increment();
                }
                everConnected = true;
                LOG.info("shipping to {}:{} ({}); the server holds events up to {}", settings.host(), settings.port(),
                        ssl == null ? "plain TCP" : "TLS", w.durableSeq());
                lastProblem = null;
                backoff = settings.reconnectMin().toMillis();
                ship(c, w);
            } catch (IOException e) {
                if (!welcomed) {
                    stats.connectFailures.increment();
                }
                problem(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("shipping failed; reconnecting", e);
            } finally {
                if (c != null) {
                    c.close("closed by the agent");
                }
                current = null;
            }
            if (closing) {
                break;
            }
            sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            backoff = Math.min(backoff * 2, settings.reconnectMax().toMillis());
        }
    }

    private void problem(String message) {
        if (!String.valueOf(message).equals(lastProblem)) {
            LOG.warn("shipping to {}:{}: {}; retrying", settings.host(), settings.port(), message);
            lastProblem = String.valueOf(message);
        }
    }

    private void sleep(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!closing && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private ShipConnection connect() throws IOException, InterruptedException {
        ShipConnection conn = new ShipConnection(stats);
        current = conn;
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(2 << 20, 8 << 20))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(sslHandler(ch));
                        }
                        ch.pipeline().addLast(new AgentFrameDecoder(MAX_SERVER_FRAME));
                        ch.pipeline().addLast(conn);
                    }
                });
        ChannelFuture f = b.connect(settings.host(), settings.port());
        if (!f.await(15, TimeUnit.SECONDS) || !f.isSuccess()) {
            f.channel().close();
            Throwable t = f.cause();
            throw new IOException("cannot connect: " + (t == null ? "timed out" : t.getMessage()), t);
        }
        Channel ch = f.channel();
        SslHandler sh = ch.pipeline().get(SslHandler.class);
        if (sh != null) {
            io.netty.util.concurrent.Future<Channel> hs = sh.handshakeFuture();
            if (!hs.await(15, TimeUnit.SECONDS) || !hs.isSuccess()) {
                ch.close();
                Throwable t = hs.cause();
                throw new IOException("TLS handshake failed: " + (t == null ? "timed out" : t.getMessage()), t);
            }
        }
        ByteBuf hello = ch.alloc().buffer(256);
        new AgentMessages.Hello(AgentProtocol.VERSION, settings.agentId(), settings.hostName(), "vigil-agent")
                .encode(hello);
        ch.writeAndFlush(hello);
        return conn;
    }

    private SslHandler sslHandler(SocketChannel ch) {
        String name = settings.tls().serverName() != null ? settings.tls().serverName() : settings.host();
        SslHandler h = ssl.newHandler(ch.alloc(), name, settings.port());
        SSLParameters p = h.engine().getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the server's certificate must name the host we asked for
        h.engine().setSSLParameters(p);
        return h;
    }

    /** Sends until the connection is lost or the shipper closes. */
    private void ship(ShipConnection c, AgentMessages.Welcome w) throws IOException, InterruptedException {
        queue.rewind();
        long skipTo = w.durableSeq();
        int maxFrame = Math.max(4096, w.maxFrameBytes());
        int batchBytes = Math.max(1024, Math.min(settings.batchBytes(), maxFrame - 4096));
        long clockSent = -1;
        long ackTimeout = settings.ackTimeout().toNanos();
        while (true) {
            settleAcks(c);
            if (c.dead()) {
                throw new IOException(c.closeReason());
            }
            if (closing) {
                drain(c);
                return;
            }
            if (clock.latest() != null && clock.version() != clockSent) {
                clockSent = clock.version();
                sendClock(c, clock.latest());
            }
            if (c.oldestWaitNanos() > ackTimeout) {
                stats.ackTimeouts.increment();
                throw new IOException("no ack for " + settings.ackTimeout().toSeconds() + " s; reconnecting");
            }
            if (c.inFlight() >= settings.maxInFlight() || !c.channel().isWritable()) {
                c.await(50);
                continue;
            }
            List<AgentEvent> events = queue.poll(settings.batchEvents(), batchBytes, 100);
            int from = 0;
            while (from < events.size() && events.get(from).seq() <= skipTo) {
                from++;
            }
            if (from > 0) {
                stats.skipped.add(from);
                long s = events.get(from - 1).seq();
                if (s > queue.acknowledged()) {
                    queue.acknowledge(s);
                }
            }
            if (from < events.size()) {
                send(c, events.subList(from, events.size()), maxFrame);
            }
        }
    }

    private void settleAcks(ShipConnection c) throws IOException {
        long a = c.ackedSeq();
        if (a > queue.acknowledged()) {
            queue.acknowledge(a);
        }
        stats.acked.add(c.takeAckedEvents());
    }

    /** At close: waits a little for the batches in flight to be acknowledged, so fewer are sent twice. */
    private void drain(ShipConnection c) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + DRAIN_MILLIS;
        while (c.inFlight() > 0 && !c.dead() && System.currentTimeMillis() < end) {
            c.await(50);
            settleAcks(c);
        }
        settleAcks(c);
    }

    private void sendClock(ShipConnection c, AgentMessages.ClockReport r) {
        ByteBuf b = c.channel().alloc().buffer(40);
        r.encode(b);
        c.channel().writeAndFlush(b);
        stats.clockReports.increment();
    }

    /** Sends events as one or more batch frames, each within the server's maximum frame. */
    private void send(ShipConnection c, List<AgentEvent> events, int maxFrame) {
        int room = maxFrame - EventBatches.FRAME_OVERHEAD;
        List<AgentEvent> part = new ArrayList<>(events.size());
        int bytes = 0;
        for (AgentEvent e : events) {
            AgentEvent fitted = fit(e, room);
            int size = EventBatches.encodedSize(fitted);
            if (!part.isEmpty() && bytes + size > room) {
                write(c, part, bytes);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(fitted);
            bytes += size;
        }
        if (!part.isEmpty()) {
            write(c, part, bytes);
        }
    }

    /** An event too large for any frame keeps the head of its body, counted and logged once. */
    private AgentEvent fit(AgentEvent e, int room) {
        int over = EventBatches.encodedSize(e) - room;
        if (over <= 0) {
            return e;
        }
        if (stats.truncated.sum() == 0) {
            LOG.warn("event {} of {} bytes from {} exceeds the server's largest frame; its body is cut (counted "
                    + "as truncated, not logged again)", e.seq(), e.body().length, e.source());
        }
        stats.truncated.increment();
        byte[] body = Arrays.copyOf(e.body(), Math.max(0, e.body().length - over));
        return new AgentEvent(e.seq(), e.hostTimeMillis(), e.host(), e.source(), e.sourcetype(), e.index(), body);
    }

    private void write(ShipConnection c, List<AgentEvent> part, int estimate) {
        AgentEvent last = part.get(part.size() - 1);
        int resent = 0;
        for (AgentEvent e : part) {
            if (e.seq() <= highestSentEver) {
                resent++;
            }
        }
        c.sending(last.seq(), part.size());
        ByteBuf buf = c.channel().alloc().ioBuffer(estimate + EventBatches.FRAME_OVERHEAD);
        EventBatches.encode(buf, part);
        stats.batches.increment();
        stats.bytes.add(buf.readableBytes());
        stats.sent.add(part.size());
        stats.resent.add(resent);
        highestSentEver = Math.max(highestSentEver, last.seq());
        c.channel().writeAndFlush(buf).addListener(f -> {
            if (!f.isSuccess()) {
                c.close("write failed: " + f.cause().getMessage());
            }
        });
    }

    /**
     * Stops: no new batches; waits up to five seconds for those in flight to be acknowledged; closes the
     * connection. The queue keeps whatever was not acknowledged for the next start.
     */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(DRAIN_MILLIS + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ShipConnection c = current;
        if (c != null) {
            c.close("agent stopping");
        }
        clock.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

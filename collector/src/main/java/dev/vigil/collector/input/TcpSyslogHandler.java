package dev.vigil.collector.input;

import dev.vigil.collector.pipeline.Batch;
import dev.vigil.collector.pipeline.MainQueue;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.FrameSink;
import dev.vigil.core.syslog.SyslogParser;
import dev.vigil.core.syslog.TcpFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One syslog TCP (or TLS) connection: RFC 6587 frames parsed into events, delivered to the main queue in
 * batches. When the queue holds a tenth of its capacity the connection stops reading until the batch is
 * accepted, so a sender faster than the disk is slowed down, never dropped.
 */
final class TcpSyslogHandler extends ChannelInboundHandlerAdapter implements FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSyslogHandler.class);
    private static final int BATCH = 512;

    private final SyslogParser parser;
    private final MainQueue queue;
    private final InputStats stats;
    private final HostResolver resolver;
    private final TcpFrameDecoder decoder;
    private final String inputName;
    private final String ruleset;
    private byte[] scratch;
    private List<Event> batch;
    private List<Event> pending;
    private ChannelHandlerContext ctx;
    private String fromHost;
    private String fromHostIp;
    private SyslogParser.Origin origin;
    private long lastSplit;
    private long lastFramingErrors;
    /** When bytes last arrived (System.nanoTime), for the drain at shutdown. */
    private volatile long lastReadNanos = System.nanoTime();
    /** A batch waits for room in the queue (the connection is paused). */
    private volatile boolean holding;

    TcpSyslogHandler(SyslogParser parser, MainQueue queue, InputStats stats, HostResolver resolver, String inputName,
            String ruleset) {
        this.parser = parser;
        this.queue = queue;
        this.stats = stats;
        this.resolver = resolver;
        this.inputName = inputName;
        this.ruleset = ruleset;
        this.batch = new Batch(BATCH, ruleset);
        this.decoder = new TcpFrameDecoder(parser.options().maxMessageSize());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        fromHostIp = HostResolver.ip(peer.getAddress());
        fromHost = resolver.name(peer.getAddress());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        lastReadNanos = System.nanoTime();
        try {
            int n = buf.readableBytes();
            stats.bytes.add(n);
            origin = new SyslogParser.Origin(Instant.now(), fromHost, fromHostIp, inputName);
            if (buf.hasArray()) {
                decoder.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), n, this);
            } else {
                if (scratch == null || scratch.length < n) {
                    scratch = new byte[Math.max(n, 16 * 1024)];
                }
                buf.getBytes(buf.readerIndex(), scratch, 0, n);
                decoder.feed(scratch, 0, n, this);
            }
        } finally {
            buf.release();
        }
        countDecoderEvents();
    }

    private void countDecoderEvents() {
        long s = decoder.splitFrames();
        if (s != lastSplit) {
            stats.truncated.add(s - lastSplit);
            lastSplit = s;
        }
        long f = decoder.framingErrors();
        if (f != lastFramingErrors) {
            stats.framingErrors.add(f - lastFramingErrors);
            lastFramingErrors = f;
        }
    }

    @Override
    public void frame(byte[] b, int off, int len) {
        stats.received.increment();
        Event e = InputFrames.toEvent(parser, b, off, len, origin, stats);
        if (e == null) {
            return;
        }
        List<Event> target = pending != null ? pending : batch;
        target.add(e);
        if (pending == null && batch.size() >= BATCH) {
            deliver();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        deliver();
        ctx.fireChannelReadComplete();
    }

    private void deliver() {
        if (pending != null || batch.isEmpty()) {
            return;
        }
        if (!queue.offer(batch, tcpLimit())) {
            pending = batch;
            holding = true;
            stats.pauses.increment();
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(this::retry, 1, TimeUnit.MILLISECONDS);
        }
        batch = new Batch(BATCH, ruleset);
    }

    /**
     * For the drain at shutdown: completes with true when nothing was read on this connection across one
     * more full turn of its event loop and no batch of it waits for the queue. The loop handles ready
     * sockets before its tasks, and a task scheduled for later runs only after the loop has polled the
     * sockets again, so bytes that reached the kernel before the probe started have been read by then
     * (and the probe says false); a true result means closing loses nothing the sender had sent.
     */
    java.util.concurrent.CompletableFuture<Boolean> probeQuiet() {
        java.util.concurrent.CompletableFuture<Boolean> r = new java.util.concurrent.CompletableFuture<>();
        try {
            io.netty.channel.EventLoop loop = ctx.channel().eventLoop();
            loop.execute(() -> {
                long start = System.nanoTime();
                loop.schedule(() -> r.complete(!holding && lastReadNanos - start < 0), 1, TimeUnit.MILLISECONDS);
            });
        } catch (RuntimeException e) { // the loop is shutting down
            r.complete(true);
        }
        return r;
    }

    /** A batch still waits for room in the queue. */
    boolean holding() {
        return holding;
    }

    /** After the event loops stopped: a batch that never found room is counted as dropped. */
    void dropHeld() {
        List<Event> p = pending;
        if (p != null) {
            stats.dropped.add(p.size());
            pending = null;
            holding = false;
        }
    }

    /**
     * A TCP sender can be slowed down, a UDP one cannot: connections stop reading once the main queue
     * holds a tenth of its capacity (at least a few batches), leaving the rest for datagrams. It also
     * keeps fewer events waiting in memory, which the garbage collector would otherwise copy again and
     * again while a fast sender keeps the queue full.
     */
    private int tcpLimit() {
        return Math.max(queue.capacity() / 10, 8 * BATCH);
    }

    private void retry() {
        if (queue.offer(pending, tcpLimit())) {
            pending = null;
            holding = false;
            if (ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            }
            deliver();
        } else {
            ctx.executor().schedule(this::retry, 1, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        origin = new SyslogParser.Origin(Instant.now(), fromHost, fromHostIp, inputName);
        decoder.endOfStream(this);
        countDecoderEvents();
        stats.connectionsClosed.increment();
        deliver();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof javax.net.ssl.SSLException) {
            stats.tlsErrors.increment();
            LOG.debug("TLS error from {}: {}", fromHostIp, cause.getCause().getMessage());
        } else if (cause instanceof java.io.IOException) {
            LOG.debug("connection from {} failed: {}", fromHostIp, cause.getMessage());
        } else {
            LOG.warn("connection from {} failed: {}", fromHostIp, cause.toString());
        }
        ctx.close();
    }
}

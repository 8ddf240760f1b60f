package dev.vigil.agent.ship;

import dev.vigil.agent.protocol.AgentFrame;
import dev.vigil.agent.protocol.AgentMessages;
import dev.vigil.agent.protocol.AgentProtocol;
import dev.vigil.agent.protocol.AgentProtocolException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection to the server as the shipper sees it: the welcome, the batches in flight (last
 * sequence number, size, when sent) and the acks that retire them. Netty's event loop delivers frames;
 * the shipper thread sends and waits here for room in the window.
 */
final class ShipConnection extends ChannelInboundHandlerAdapter {
    private final ShipperStats stats;
    private final CompletableFuture<AgentMessages.Welcome> welcome = new CompletableFuture<>();
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // {lastSeq, events, sentNanos}
    private Channel channel;
    private long ackedSeq = -1;
    private long highestSent;
    private long ackedEvents;
    private volatile boolean dead;
    private volatile String closeReason;

    ShipConnection(ShipperStats stats) {
        this.stats = stats;
    }

    CompletableFuture<AgentMessages.Welcome> welcome() {
        return welcome;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        AgentFrame f = (AgentFrame) msg;
        try {
            switch (f.type()) {
                case AgentProtocol.WELCOME -> welcome.complete(AgentMessages.Welcome.decode(f.payload()));
                case AgentProtocol.ACK -> onAck(AgentMessages.Ack.decode(f.payload()).seq());
                case AgentProtocol.ERROR -> {
                    AgentMessages.ErrorReply e = AgentMessages.ErrorReply.decode(f.payload());
                    fail("server closed the connection: " + e.message() + " (code " + e.code() + ")");
                }
                default -> throw new AgentProtocolException(AgentProtocolException.Reason.UNEXPECTED,
                        "unexpected " + AgentProtocol.typeName(f.type()) + " frame from the server");
            }
        } catch (AgentProtocolException e) {
            stats.protocolErrors.increment();
            fail("protocol error from the server: " + e.getMessage());
        } finally {
            f.release();
        }
    }

    private void onAck(long seq) throws AgentProtocolException {
        synchronized (this) {
            if (seq > highestSent) {
                throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                        "ack of " + seq + " beyond the highest sequence number sent, " + highestSent);
            }
            long now = System.nanoTime();
            while (!inFlight.isEmpty() && inFlight.peekFirst()[0] <= seq) {
                long[] b = inFlight.pollFirst();
                ackedEvents += b[1];
                long rtt = (now - b[2]) / 1000;
                stats.lastRttMicros.set(rtt);
                stats.rttMicrosTotal.add(rtt);
                stats.rttSamples.increment();
            }
            stats.inFlight.set(inFlight.size());
            ackedSeq = Math.max(ackedSeq, seq);
            notifyAll();
        }
    }

    /** Records a batch as sent (before it is written, so that its ack always finds it). */
    synchronized void sending(long lastSeq, int events) {
        inFlight.addLast(new long[] {lastSeq, events, System.nanoTime()});
        highestSent = lastSeq;
        stats.inFlight.set(inFlight.size());
    }

    /** Batches in flight now. */
    synchronized int inFlight() {
        return inFlight.size();
    }

    /** The highest acknowledged sequence number, -1 before any ack. */
    synchronized long ackedSeq() {
        return ackedSeq;
    }

    /** Events acknowledged since the last call. */
    synchronized long takeAckedEvents() {
        long n = ackedEvents;
        ackedEvents = 0;
        return n;
    }

    /** Nanos since the oldest unacknowledged batch was sent, 0 when none. */
    synchronized long oldestWaitNanos() {
        return inFlight.isEmpty() ? 0 : System.nanoTime() - inFlight.peekFirst()[2];
    }

    /** Waits until an ack, a close, or {@code millis} pass. */
    synchronized void await(long millis) throws InterruptedException {
        if (!dead) {
            wait(millis);
        }
    }

    boolean dead() {
        return dead;
    }

    String closeReason() {
        return closeReason;
    }

    Channel channel() {
        return channel;
    }

    private void fail(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        if (channel != null) {
            channel.close();
        }
        markDead();
    }

    private void markDead() {
        dead = true;
        welcome.completeExceptionally(new java.io.IOException(closeReason == null ? "connection closed" : closeReason));
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (this) {
            notifyAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (closeReason == null) {
            closeReason = "the server closed the connection";
        }
        markDead();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof AgentProtocolException) {
            stats.protocolErrors.increment();
        }
        fail(c instanceof javax.net.ssl.SSLException ? "TLS: " + c.getMessage() : String.valueOf(c.getMessage()));
    }

    /** Closes from the shipper's side. */
    void close(String reason) {
        fail(reason);
    }

    /** Waits for the welcome. */
    AgentMessages.Welcome awaitWelcome(long millis) throws java.io.IOException, InterruptedException {
        try {
            return welcome.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new java.io.IOException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            fail("no welcome from the server within " + millis + " ms");
            throw new java.io.IOException("no welcome from the server within " + millis + " ms");
        }
    }
}

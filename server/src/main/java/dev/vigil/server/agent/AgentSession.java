package dev.vigil.server.agent;

import dev.vigil.agent.protocol.AgentFrame;
import dev.vigil.agent.protocol.AgentMessages;
import dev.vigil.agent.protocol.AgentProtocol;
import dev.vigil.agent.protocol.AgentProtocolException;
import dev.vigil.agent.protocol.EventBatches;
import dev.vigil.agent.queue.AgentEvent;
import dev.vigil.collector.pipeline.Batch;
import dev.vigil.core.event.Event;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent connection: hello → welcome (after the agent's state is recovered and any older connection
 * of the same agent has handed its last batch to the pipeline), then batches and clock reports in,
 * cumulative acks out as the ledger says events are durable. While a batch waits (queue full, ceiling
 * being written) the connection stops reading: back-pressure reaches the agent as missing acks.
 */
final class AgentSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);
    private static final long HELLO_TIMEOUT_SECONDS = 60;

    private final AgentListener listener;
    private final AgentLedger ledger;
    private final AgentStats stats;
    private final ArrayDeque<AgentFrame> backlog = new ArrayDeque<>();
    /** Batches received and not acknowledged: {highest sequence number not yet stored (0: none), last one}. */
    private final ArrayDeque<long[]> unacked = new ArrayDeque<>();
    /** Completes once this session will hand nothing more to the pipeline. */
    private final CompletableFuture<Void> offersDone = new CompletableFuture<>();
    private ChannelHandlerContext ctx;
    private String peerIp = "";
    private AgentState state;
    private String hostName;
    private boolean helloSeen;
    private boolean welcomed;
    private boolean paused;
    private boolean closed;
    private long lastSeq;
    private long ackSent;
    private List<Event> waiting;
    private long waitingFirst;
    private long waitingLast;
    private int waitingGeneration;

    AgentSession(AgentListener listener) {
        this.listener = listener;
        this.ledger = listener.ledger();
        this.stats = listener.stats();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            peerIp = a.getAddress().getHostAddress();
        }
        ctx.executor().schedule(() -> {
            if (!helloSeen && ctx.channel().isActive()) {
                LOG.debug("no hello from {} within {} s; closing", peerIp, HELLO_TIMEOUT_SECONDS);
                ctx.close();
            }
        }, HELLO_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        AgentFrame f = (AgentFrame) msg;
        if (closed) {
            f.release();
        } else if (paused) {
            backlog.addLast(f);
        } else {
            handle(f);
        }
    }

    private void handle(AgentFrame f) {
        try {
            switch (f.type()) {
                case AgentProtocol.HELLO -> hello(AgentMessages.Hello.decode(f.payload()));
                case AgentProtocol.BATCH -> batch(f.payload());
                case AgentProtocol.CLOCK -> clock(AgentMessages.ClockReport.decode(f.payload()));
                default -> throw new AgentProtocolException(AgentProtocolException.Reason.UNEXPECTED,
                        "unexpected " + AgentProtocol.typeName(f.type()) + " frame from an agent");
            }
        } catch (AgentProtocolException e) {
            protocolError(e);
        } finally {
            f.release();
        }
    }

    private void hello(AgentMessages.Hello h) throws AgentProtocolException {
        if (helloSeen) {
            throw new AgentProtocolException(AgentProtocolException.Reason.UNEXPECTED, "a second hello");
        }
        helloSeen = true;
        if (h.version() != AgentProtocol.VERSION) {
            throw new AgentProtocolException(AgentProtocolException.Reason.VERSION, "agent speaks protocol version "
                    + h.version() + ", this server " + AgentProtocol.VERSION);
        }
        hostName = h.hostName();
        pause();
        ledger.open(h.agentId()).whenComplete((st, t) -> ctx.executor().execute(() -> opened(h, st, t)));
    }

    private void opened(AgentMessages.Hello h, AgentState st, Throwable t) {
        if (t != null) {
            LOG.error("agent {}: its durable point could not be recovered: {}", h.agentId(), t.toString());
            goAwayNow("the server cannot recover this agent's state; try again later");
            return;
        }
        if (closed) {
            offersDone.complete(null);
            return;
        }
        state = st;
        AgentSession old = ledger.attach(st, this, hostName);
        CompletableFuture<Void> before = CompletableFuture.completedFuture(null);
        if (old != null && old != this) {
            stats.replaced.increment();
            LOG.info("agent {} connected again from {}; its older connection is closed", st.id, peerIp);
            old.goAway("this agent connected again");
            before = old.offersDone;
        }
        before.whenComplete((v, x) -> ctx.executor().execute(this::welcome));
    }

    private void welcome() {
        if (closed) {
            offersDone.complete(null);
            return;
        }
        long durable = ledger.durable(state);
        ByteBuf b = ctx.alloc().buffer(32);
        new AgentMessages.Welcome(AgentProtocol.VERSION, durable, listener.maxFrameBytes()).encode(b);
        ctx.writeAndFlush(b);
        ackSent = durable;
        welcomed = true;
        LOG.debug("agent {} ({}, {}) welcomed; durable up to {}", state.id, hostName, peerIp, durable);
        resume();
    }

    private void batch(ByteBuf payload) throws AgentProtocolException {
        if (!welcomed) {
            throw new AgentProtocolException(AgentProtocolException.Reason.UNEXPECTED, "a batch before the welcome");
        }
        stats.batches.increment();
        stats.bytes.add(payload.readableBytes() + AgentProtocol.HEADER_BYTES + 1);
        List<AgentEvent> events = EventBatches.decode(payload, lastSeq);
        if (events.isEmpty()) {
            return;
        }
        lastSeq = events.get(events.size() - 1).seq();
        stats.received.add(events.size());
        AgentLedger.Admission a = ledger.admit(state, events);
        unacked.addLast(new long[] {a.maxPending(), lastSeq});
        List<AgentEvent> fresh = a.fresh();
        if (fresh.isEmpty()) {
            maybeAck();
            return;
        }
        stats.accepted.add(fresh.size());
        Long offset;
        synchronized (state) {
            offset = state.offsetNanos;
        }
        Instant now = Instant.now();
        List<Event> out = new Batch(fresh.size(), null);
        for (AgentEvent e : fresh) {
            out.add(AgentEvents.toEvent(e, state.id, hostName, peerIp, now, offset));
        }
        waiting = out;
        waitingFirst = fresh.get(0).seq();
        waitingGeneration = a.generation();
        waitingLast = fresh.get(fresh.size() - 1).seq();
        if (!ledger.covered(state, waitingLast)) {
            pause();
            ledger.raiseCeiling(state, waitingLast).whenComplete((v, t) -> ctx.executor().execute(() -> {
                if (t != null) {
                    LOG.error("agent {}: cannot write the agent checkpoint: {}", state.id, t.toString());
                    abandonWaiting();
                    goAwayNow("the server cannot write its agent checkpoint");
                } else {
                    offerWaiting();
                }
            }));
            return;
        }
        ledger.raiseAhead(state);
        offerWaiting();
    }

    /** Hands the waiting batch to the main queue, retrying every millisecond while it is full. */
    private void offerWaiting() {
        if (waiting == null) {
            return;
        }
        if (ledger.offer(listener.queue(), state, waiting, waitingFirst, waitingLast, waitingGeneration)) {
            waiting = null;
            if (closed) {
                offersDone.complete(null);
            } else {
                resume();
            }
            return;
        }
        if (listener.stopping()) {
            abandonWaiting();
            return;
        }
        if (!paused) {
            stats.pauses.increment();
            pause();
        }
        ctx.executor().schedule(this::offerWaiting, 1, TimeUnit.MILLISECONDS);
    }

    private void abandonWaiting() {
        if (waiting != null) {
            ledger.abandon(state, waitingFirst, waitingGeneration);
            waiting = null;
        }
        if (closed) {
            offersDone.complete(null);
        }
    }

    private void clock(AgentMessages.ClockReport r) throws AgentProtocolException {
        if (!welcomed) {
            throw new AgentProtocolException(AgentProtocolException.Reason.UNEXPECTED, "a clock report before the welcome");
        }
        listener.clock(state, hostName, r);
    }

    /**
     * Sends the ack the ledger allows: the last sequence number of the latest batch received here whose
     * events, and those of every batch before it, are all stored. (A batch's sequence numbers that the
     * agent skipped do not exist in its queue, so the ack covers them too.)
     */
    private void maybeAck() {
        if (closed || !welcomed) {
            return;
        }
        long durable = ledger.durable(state);
        long a = ackSent;
        while (!unacked.isEmpty() && unacked.peekFirst()[0] <= durable) {
            a = unacked.pollFirst()[1];
        }
        if (a > ackSent) {
            ackSent = a;
            ByteBuf b = ctx.alloc().buffer(20);
            new AgentMessages.Ack(a).encode(b);
            ctx.writeAndFlush(b);
            stats.acksSent.increment();
        }
    }

    /** The agent's durable point moved (any thread). */
    void durableAdvanced() {
        if (ctx != null) {
            ctx.executor().execute(this::maybeAck);
        }
    }

    /** Tells the agent why and closes (any thread). */
    void goAway(String reason) {
        if (ctx != null) {
            ctx.executor().execute(() -> goAwayNow(reason));
        }
    }

    private void goAwayNow(String reason) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ByteBuf b = ctx.alloc().buffer(64 + reason.length() * 3);
        new AgentMessages.ErrorReply(AgentProtocol.ERR_GOING_AWAY, reason).encode(b);
        ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }

    private void protocolError(AgentProtocolException e) {
        listener.badFrame(e, peerIp);
        if (closed || !ctx.channel().isActive()) {
            return;
        }
        ByteBuf b = ctx.alloc().buffer(64 + e.getMessage().length() * 3);
        new AgentMessages.ErrorReply(e.reason() == AgentProtocolException.Reason.VERSION ? AgentProtocol.ERR_VERSION
                : AgentProtocol.ERR_PROTOCOL, e.getMessage()).encode(b);
        ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
        closed = true;
        releaseBacklog();
    }

    private void pause() {
        paused = true;
        ctx.channel().config().setAutoRead(false);
    }

    private void resume() {
        paused = false;
        while (!paused && !closed && !backlog.isEmpty()) {
            handle(backlog.pollFirst());
        }
        if (!paused && !closed) {
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
    }

    private void releaseBacklog() {
        while (!backlog.isEmpty()) {
            backlog.pollFirst().release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        releaseBacklog();
        if (state != null) {
            ledger.detach(state, this);
        }
        if (waiting == null) {
            offersDone.complete(null);
        }
        stats.connectionsOpen.decrementAndGet();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof AgentProtocolException p) {
            protocolError(p);
            return;
        }
        if (c instanceof javax.net.ssl.SSLException) {
            stats.tlsErrors.increment();
            LOG.debug("TLS error from agent at {}: {}", peerIp, c.getMessage());
        } else if (c instanceof java.io.IOException) {
            LOG.debug("agent connection from {} failed: {}", peerIp, c.getMessage());
        } else {
            LOG.warn("agent connection from {} failed: {}", peerIp, c.toString());
        }
        ctx.close();
    }
}

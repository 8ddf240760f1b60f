package dev.vigil.ntp.server;

import dev.vigil.ntp.source.WallClock;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Receives datagrams, lets the {@link NtpResponder} rewrite each into its reply in the same pooled
 * buffer, and writes replies without flushing until the read batch ends or {@link #FLUSH_EVERY}
 * replies wait, so the epoll transport sends them with one sendmmsg and a long read loop does not
 * hold early replies back. One instance per channel (it counts pending replies). Bad input is
 * counted and dropped; nothing escapes.
 */
final class NtpServerHandler extends ChannelInboundHandlerAdapter {
    /** Replies written before a flush inside one read loop: one sendmmsg batch. */
    static final int FLUSH_EVERY = 32;
    private final NtpResponder responder;
    private final WallClock clock;
    private final NtpServerStats stats;
    private int pending;

    NtpServerHandler(NtpResponder responder, WallClock clock, NtpServerStats stats) {
        this.responder = responder;
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        long rx = clock.epochNanos();
        DatagramPacket packet = (DatagramPacket) msg;
        ByteBuf buf = packet.content();
        int outcome;
        try {
            outcome = responder.respond(buf, packet.sender().getAddress(), rx);
        } catch (RuntimeException e) { // defensive: a bug must cost one packet, never the listener
            outcome = NtpResponder.IGNORED;
        }
        switch (outcome) {
            case NtpResponder.REPLIED:
                stats.replied.increment();
                send(ctx, buf, packet);
                return;
            case NtpResponder.KOD_SENT:
                stats.kod.increment();
                send(ctx, buf, packet);
                return;
            case NtpResponder.RATE_DROPPED:
                stats.rateDropped.increment();
                break;
            default:
                stats.ignored.increment();
        }
        packet.release();
    }

    private void send(ChannelHandlerContext ctx, ByteBuf reply, DatagramPacket request) {
        ctx.write(new DatagramPacket(reply, request.sender()), ctx.voidPromise());
        if (++pending >= FLUSH_EVERY) {
            pending = 0;
            ctx.flush();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pending = 0;
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP: ICMP errors and the like surface here; the socket keeps serving
    }
}

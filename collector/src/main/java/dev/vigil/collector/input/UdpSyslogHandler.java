package dev.vigil.collector.input;

import dev.vigil.collector.pipeline.Batch;
import dev.vigil.collector.pipeline.MainQueue;
import dev.vigil.core.event.Event;
import dev.vigil.core.syslog.SyslogParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * One datagram is one message (RFC 5426 §3.1). Longer datagrams are truncated to the maximum message size
 * as rsyslog's imudp does; a batch the main queue cannot take is dropped and counted (UDP has no way to
 * slow the sender).
 */
final class UdpSyslogHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final int BATCH = 512;

    private final SyslogParser parser;
    private final MainQueue queue;
    private final InputStats stats;
    private final HostResolver resolver;
    private final String inputName;
    private final String ruleset;
    private final byte[] scratch;
    private List<Event> batch;
    private InetAddress lastPeer;
    private String lastName;
    private String lastIp;

    UdpSyslogHandler(SyslogParser parser, MainQueue queue, InputStats stats, HostResolver resolver, String inputName,
            String ruleset) {
        this.parser = parser;
        this.queue = queue;
        this.stats = stats;
        this.resolver = resolver;
        this.inputName = inputName;
        this.ruleset = ruleset;
        this.batch = new Batch(BATCH, ruleset);
        this.scratch = new byte[parser.options().maxMessageSize()];
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf buf = packet.content();
        int n = buf.readableBytes();
        stats.bytes.add(n);
        stats.received.increment();
        if (n == 0) {
            return;
        }
        int max = scratch.length;
        if (n > max) {
            stats.truncated.increment();
            n = max;
        }
        buf.getBytes(buf.readerIndex(), scratch, 0, n);
        InetAddress peer = packet.sender().getAddress();
        if (!peer.equals(lastPeer)) {
            lastPeer = peer;
            lastIp = HostResolver.ip(peer);
            lastName = resolver.name(peer);
        }
        Event e = InputFrames.toEvent(parser, scratch, 0, n,
                new SyslogParser.Origin(Instant.now(), lastName, lastIp, inputName), stats);
        if (e == null) {
            return;
        }
        batch.add(e);
        if (batch.size() >= BATCH) {
            deliver();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        deliver();
    }

    private void deliver() {
        if (batch.isEmpty()) {
            return;
        }
        if (!queue.offer(batch)) {
            stats.dropped.add(batch.size());
            batch.clear();
            return;
        }
        batch = new Batch(BATCH, ruleset);
    }
}

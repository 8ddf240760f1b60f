package dev.vigil.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.queue.AgentEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes in, frames out: whole, split at every byte, oversized, corrupted. */
class AgentFrameDecoderTest {
    private static AgentEvent event(long seq, String body) {
        return new AgentEvent(seq, 1_700_000_000_123L + seq, "web1", "/var/log/secure", null, "main",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuf batch(AgentEvent... events) {
        ByteBuf b = Unpooled.buffer();
        EventBatches.encode(b, List.of(events));
        return b;
    }

    private static List<AgentFrame> frames(EmbeddedChannel ch) {
        List<AgentFrame> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((AgentFrame) o);
        }
        return out;
    }

    @Test
    void decodesBatchWrittenByTheEncoder() throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameDecoder(1 << 20));
        ch.writeInbound(batch(event(7, "Accepted password for root"), event(9, "second")));
        List<AgentFrame> f = frames(ch);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).type()).isEqualTo(AgentProtocol.BATCH);
        List<AgentEvent> events = EventBatches.decode(f.get(0).payload(), 0);
        f.get(0).release();
        assertThat(events).extracting(AgentEvent::seq).containsExactly(7L, 9L);
        assertThat(events.get(1).host()).isEqualTo("web1");
        assertThat(events.get(1).source()).isEqualTo("/var/log/secure");
        assertThat(events.get(1).sourcetype()).isNull();
        assertThat(events.get(1).index()).isEqualTo("main");
        assertThat(events.get(1).hostTimeMillis()).isEqualTo(1_700_000_000_132L);
        assertThat(new String(events.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("Accepted password for root");
    }

    @Test
    void decodesFramesSplitAtEveryByte() throws Exception {
        ByteBuf all = Unpooled.buffer();
        new AgentMessages.Hello(1, "a-1", "web1", "test").encode(all);
        all.writeBytes(batch(event(1, "one")));
        new AgentMessages.ClockReport(-0.25, 0.001, 42).encode(all);
        EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameDecoder(1 << 20));
        while (all.isReadable()) {
            ch.writeInbound(all.readRetainedSlice(1));
        }
        all.release();
        List<AgentFrame> f = frames(ch);
        assertThat(f).extracting(AgentFrame::type).containsExactly(AgentProtocol.HELLO, AgentProtocol.BATCH,
                AgentProtocol.CLOCK);
        assertThat(AgentMessages.Hello.decode(f.get(0).payload())).isEqualTo(new AgentMessages.Hello(1, "a-1", "web1",
                "test"));
        assertThat(AgentMessages.ClockReport.decode(f.get(2).payload()).offsetSeconds()).isEqualTo(-0.25);
        f.forEach(AgentFrame::release);
    }

    @Test
    void refusesOversizedLengthBeforeBufferingIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameDecoder(65536));
        ByteBuf b = Unpooled.buffer().writeInt(70000).writeInt(0).writeByte(AgentProtocol.BATCH);
        assertThatThrownBy(() -> ch.writeInbound(b)).isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("frame length 70000 exceeds the maximum 65536");
        // the rest of the stream is discarded, not decoded
        ch.writeInbound(batch(event(1, "after the bad frame")));
        assertThat(frames(ch)).isEmpty();
    }

    @Test
    void refusesGarbageAsOversizedFrame() {
        EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameDecoder(1 << 20));
        ByteBuf b = Unpooled.copiedBuffer("<13>Feb  5 07:08:09 host app: syslog on the agent port\n",
                StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ch.writeInbound(b)).hasCauseInstanceOf(AgentProtocolException.class)
                .satisfies(t -> assertThat(((AgentProtocolException) t.getCause()).reason())
                        .isEqualTo(AgentProtocolException.Reason.OVERSIZE));
    }

    @Test
    void refusesBadCrc() {
        ByteBuf b = batch(event(1, "payload"));
        b.setByte(b.writerIndex() - 2, b.getByte(b.writerIndex() - 2) ^ 0x20);
        EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameDecoder(1 << 20));
        assertThatThrownBy(() -> ch.writeInbound(b)).hasCauseInstanceOf(AgentProtocolException.class)
                .satisfies(t -> assertThat(((AgentProtocolException) t.getCause()).reason())
                        .isEqualTo(AgentProtocolException.Reason.BAD_CRC))
                .hasMessageContaining("CRC-32C");
    }

    @Test
    void waitsForTheRestOfAFrame() {
        ByteBuf b = batch(event(1, "x".repeat(1000)));
        EmbeddedChannel ch = new EmbeddedChannel(new AgentFrameDecoder(1 << 20));
        ch.writeInbound(b.readRetainedSlice(500));
        assertThat(frames(ch)).isEmpty();
        ch.writeInbound(b);
        List<AgentFrame> f = frames(ch);
        assertThat(f).hasSize(1);
        f.get(0).release();
    }
}

package dev.vigil.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.agent.queue.AgentEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch payload: repeated strings, nulls, order of sequence numbers, truncation. */
class EventBatchesTest {
    private static AgentEvent e(long seq, String host, String source, String st, String index, String body) {
        return new AgentEvent(seq, seq * 1000, host, source, st, index, body.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuf payloadOf(List<AgentEvent> events) {
        ByteBuf b = Unpooled.buffer();
        EventBatches.encode(b, events);
        b.skipBytes(AgentProtocol.HEADER_BYTES + 1);
        return b;
    }

    @Test
    void roundTripsChangingAndRepeatedFields() throws Exception {
        List<AgentEvent> in = List.of(e(1, "h1", "/a", "syslog", null, "x"), e(2, "h1", "/a", "syslog", null, "y"),
                e(3, "h2", null, "zeek_conn", "zeek", ""), e(4, "h2", null, null, "zeek", "é ünïcode"));
        List<AgentEvent> out = EventBatches.decode(payloadOf(in), 0);
        assertThat(out).hasSize(4);
        for (int i = 0; i < 4; i++) {
            AgentEvent a = in.get(i);
            AgentEvent b = out.get(i);
            assertThat(b.seq()).isEqualTo(a.seq());
            assertThat(b.hostTimeMillis()).isEqualTo(a.hostTimeMillis());
            assertThat(b.host()).isEqualTo(a.host());
            assertThat(b.source()).isEqualTo(a.source());
            assertThat(b.sourcetype()).isEqualTo(a.sourcetype());
            assertThat(b.index()).isEqualTo(a.index());
            assertThat(b.body()).isEqualTo(a.body());
        }
    }

    @Test
    void refusesSequenceNumbersThatDoNotIncrease() {
        assertThatThrownBy(() -> EventBatches.decode(payloadOf(List.of(e(5, "h", "s", null, null, "a"))), 5))
                .isInstanceOf(AgentProtocolException.class).hasMessage(
                        "sequence number 5 after 5: sequence numbers must increase");
    }

    @Test
    void refusesTruncatedPayloadAndOverstatedCount() {
        ByteBuf p = payloadOf(List.of(e(1, "h", "s", null, null, "abcdef")));
        ByteBuf cut = p.slice(p.readerIndex(), p.readableBytes() - 3);
        assertThatThrownBy(() -> EventBatches.decode(cut, 0)).isInstanceOf(AgentProtocolException.class)
                .hasMessageContaining("body needs 6 bytes, 3 remain");
        ByteBuf lying = Unpooled.buffer().writeInt(1_000_000);
        assertThatThrownBy(() -> EventBatches.decode(lying, 0)).hasMessageContaining("declares 1000000 events");
    }

    @Test
    void helloRefusesIdsThatAreNotPlainWords() {
        ByteBuf b = Unpooled.buffer();
        new AgentMessages.Hello(1, "a*b", "h", "s").encode(b);
        b.skipBytes(AgentProtocol.HEADER_BYTES + 1);
        assertThatThrownBy(() -> AgentMessages.Hello.decode(b)).hasMessageContaining("agent id must be");
        assertThat(AgentMessages.Hello.validId("6f1c2a7e-0b7b-4f8e-9d1e-3f3f1b2c4d5e")).isTrue();
    }
}

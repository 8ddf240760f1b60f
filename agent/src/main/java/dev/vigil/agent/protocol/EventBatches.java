package dev.vigil.agent.protocol;

import dev.vigil.agent.queue.AgentEvent;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The batch frame: {@code u32 count}, then per event {@code u8 flags}, {@code u64 seq},
 * {@code i64 hostTimeMillis}, the strings host, source, sourcetype, index (each {@code u16 length +
 * UTF-8}, {@code 0xFFFF} = null) except those whose flag bit says "same as the previous event of this
 * batch" (bit 0 host, 1 source, 2 sourcetype, 3 index), and {@code u32 length + body}.
 */
public final class EventBatches {
    /** Fixed bytes of one event: flags, seq, time, body length. */
    public static final int EVENT_OVERHEAD = 1 + 8 + 8 + 4;
    /** Bytes of a batch frame around its events. */
    public static final int FRAME_OVERHEAD = AgentProtocol.HEADER_BYTES + 1 + 4;
    private static final int SAME_HOST = 1;
    private static final int SAME_SOURCE = 2;
    private static final int SAME_SOURCETYPE = 4;
    private static final int SAME_INDEX = 8;

    private EventBatches() {
    }

    /** Bytes {@code e} takes in a batch, at most (no string repeated). */
    public static int encodedSize(AgentEvent e) {
        return EVENT_OVERHEAD + e.body().length + str(e.host()) + str(e.source()) + str(e.sourcetype()) + str(e.index());
    }

    private static int str(String s) {
        return 2 + (s == null ? 0 : s.length() * 3);
    }

    /** Writes one batch frame holding {@code events}. */
    public static void encode(ByteBuf out, List<AgentEvent> events) {
        int s = Frames.begin(out, AgentProtocol.BATCH);
        out.writeInt(events.size());
        AgentEvent prev = null;
        for (AgentEvent e : events) {
            int flags = 0;
            if (prev != null) {
                flags |= Objects.equals(prev.host(), e.host()) ? SAME_HOST : 0;
                flags |= Objects.equals(prev.source(), e.source()) ? SAME_SOURCE : 0;
                flags |= Objects.equals(prev.sourcetype(), e.sourcetype()) ? SAME_SOURCETYPE : 0;
                flags |= Objects.equals(prev.index(), e.index()) ? SAME_INDEX : 0;
            }
            out.writeByte(flags);
            out.writeLong(e.seq());
            out.writeLong(e.hostTimeMillis());
            if ((flags & SAME_HOST) == 0) {
                Frames.writeString(out, e.host());
            }
            if ((flags & SAME_SOURCE) == 0) {
                Frames.writeString(out, e.source());
            }
            if ((flags & SAME_SOURCETYPE) == 0) {
                Frames.writeString(out, e.sourcetype());
            }
            if ((flags & SAME_INDEX) == 0) {
                Frames.writeString(out, e.index());
            }
            out.writeInt(e.body().length);
            out.writeBytes(e.body());
            prev = e;
        }
        Frames.end(out, s);
    }

    /**
     * Reads a batch payload. Sequence numbers must increase strictly, starting above {@code afterSeq}.
     *
     * @throws AgentProtocolException when the payload is malformed or out of order
     */
    public static List<AgentEvent> decode(ByteBuf p, long afterSeq) throws AgentProtocolException {
        Frames.need(p, 4, "batch");
        long count = p.readUnsignedInt();
        if (count * EVENT_OVERHEAD > p.readableBytes()) {
            throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                    "batch declares " + count + " events, " + p.readableBytes() + " bytes cannot hold them");
        }
        List<AgentEvent> out = new ArrayList<>((int) count);
        String host = null;
        String source = null;
        String sourcetype = null;
        String index = null;
        long last = afterSeq;
        for (int i = 0; i < count; i++) {
            Frames.need(p, 17, "event");
            int flags = p.readUnsignedByte();
            if ((flags & ~0x0F) != 0 || (i == 0 && flags != 0)) {
                throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                        "event " + i + " of a batch has flags " + flags);
            }
            long seq = p.readLong();
            if (seq <= last) {
                throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                        "sequence number " + seq + " after " + last + ": sequence numbers must increase");
            }
            last = seq;
            long time = p.readLong();
            host = (flags & SAME_HOST) != 0 ? host : Frames.readString(p, "host");
            source = (flags & SAME_SOURCE) != 0 ? source : Frames.readString(p, "source");
            sourcetype = (flags & SAME_SOURCETYPE) != 0 ? sourcetype : Frames.readString(p, "sourcetype");
            index = (flags & SAME_INDEX) != 0 ? index : Frames.readString(p, "index");
            Frames.need(p, 4, "body length");
            long len = p.readUnsignedInt();
            Frames.need(p, len, "body");
            byte[] body = new byte[(int) len];
            p.readBytes(body);
            out.add(new AgentEvent(seq, time, host, source, sourcetype, index, body));
        }
        if (p.isReadable()) {
            throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                    p.readableBytes() + " bytes after the last event of a batch");
        }
        return out;
    }
}

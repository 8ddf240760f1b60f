package dev.vigil.agent.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a byte stream into {@link AgentFrame}s. A length above the maximum is refused before any of
 * the frame is buffered, so a peer cannot make this side hold more than {@code maxFrameBytes}. After
 * the first bad frame the stream cannot be trusted to be in step any more: the rest of the input is
 * discarded and the handler after this one closes the connection (the agent then resends everything
 * not acknowledged, so nothing is lost).
 */
public final class AgentFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean broken;

    /** @param maxFrameBytes the largest length field accepted (type byte and payload) */
    public AgentFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("maximum frame " + maxFrameBytes + " is below 64 bytes");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws AgentProtocolException {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= AgentProtocol.HEADER_BYTES) {
            int start = in.readerIndex();
            long len = in.getUnsignedInt(start);
            if (len < 1 || len > maxFrameBytes) {
                broken = true;
                in.skipBytes(in.readableBytes());
                throw new AgentProtocolException(AgentProtocolException.Reason.OVERSIZE,
                        "frame length " + len + " exceeds the maximum " + maxFrameBytes);
            }
            if (in.readableBytes() < AgentProtocol.HEADER_BYTES + len) {
                return;
            }
            int crc = in.getInt(start + 4);
            int actual = Frames.crc(in, start + AgentProtocol.HEADER_BYTES, (int) len);
            if (crc != actual) {
                broken = true;
                in.skipBytes(in.readableBytes());
                throw new AgentProtocolException(AgentProtocolException.Reason.BAD_CRC, String.format(
                        "frame of %d bytes has CRC-32C %08x, its bytes give %08x", len, crc, actual));
            }
            int type = in.getUnsignedByte(start + AgentProtocol.HEADER_BYTES);
            in.skipBytes(AgentProtocol.HEADER_BYTES + 1);
            out.add(new AgentFrame(type, in.readRetainedSlice((int) len - 1)));
        }
    }
}

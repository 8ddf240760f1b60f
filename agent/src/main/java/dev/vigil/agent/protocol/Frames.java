package dev.vigil.agent.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Writing frames and the primitive values inside payloads. */
public final class Frames {
    /** String length meaning "null". */
    static final int NULL_STRING = 0xFFFF;
    /** Longest string a payload carries (UTF-8 bytes). */
    public static final int MAX_STRING_BYTES = 0xFFFE;

    private Frames() {
    }

    /** Starts a frame of {@code type} at the writer index; returns where it starts, for {@link #end}. */
    public static int begin(ByteBuf out, int type) {
        int start = out.writerIndex();
        out.writeLong(0); // length and CRC, patched by end()
        out.writeByte(type);
        return start;
    }

    /** Completes the frame begun at {@code start}: its length and CRC. */
    public static void end(ByteBuf out, int start) {
        int len = out.writerIndex() - start - AgentProtocol.HEADER_BYTES;
        out.setInt(start, len);
        out.setInt(start + 4, crc(out, start + AgentProtocol.HEADER_BYTES, len));
    }

    /** CRC-32C of {@code length} bytes from {@code index}. */
    static int crc(ByteBuf buf, int index, int length) {
        CRC32C c = new CRC32C();
        if (buf.nioBufferCount() == 1) {
            c.update(buf.nioBuffer(index, length));
        } else {
            for (ByteBuffer b : buf.nioBuffers(index, length)) {
                c.update(b);
            }
        }
        return (int) c.getValue();
    }

    /** Writes a string as u16 length + UTF-8 (0xFFFF for null); longer strings are cut at a character boundary. */
    static void writeString(ByteBuf out, String s) {
        if (s == null) {
            out.writeShort(NULL_STRING);
            return;
        }
        int n = ByteBufUtil.utf8Bytes(s);
        if (n > MAX_STRING_BYTES) {
            s = cut(s);
            n = ByteBufUtil.utf8Bytes(s);
        }
        out.writeShort(n);
        ByteBufUtil.writeUtf8(out, s);
    }

    private static String cut(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int end = MAX_STRING_BYTES;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // do not split a multi-byte character
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** Reads a string written by {@link #writeString}. */
    static String readString(ByteBuf in, String what) throws AgentProtocolException {
        need(in, 2, what);
        int n = in.readUnsignedShort();
        if (n == NULL_STRING) {
            return null;
        }
        need(in, n, what);
        String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
        in.skipBytes(n);
        return s;
    }

    /** Throws unless {@code n} more bytes are readable. */
    static void need(ByteBuf in, long n, String what) throws AgentProtocolException {
        if (in.readableBytes() < n) {
            throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                    what + " needs " + n + " bytes, " + in.readableBytes() + " remain in the frame");
        }
    }
}

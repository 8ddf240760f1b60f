package dev.vigil.agent.protocol;

import io.netty.buffer.ByteBuf;

/** The small messages of the protocol; each encodes itself as one whole frame. */
public final class AgentMessages {
    private AgentMessages() {
    }

    /**
     * Agent → server, first on every connection.
     *
     * @param version protocol version
     * @param agentId the agent's stable id (its {@code agent.id} file)
     * @param hostName the agent's host name: its clock reports are filed under it
     * @param software the agent's software and version, for logs
     */
    public record Hello(int version, String agentId, String hostName, String software) {
        /** Longest agent id accepted. */
        public static final int MAX_ID_CHARS = 128;

        public void encode(ByteBuf out) {
            int s = Frames.begin(out, AgentProtocol.HELLO);
            out.writeInt(AgentProtocol.MAGIC);
            out.writeShort(version);
            Frames.writeString(out, agentId);
            Frames.writeString(out, hostName);
            Frames.writeString(out, software);
            Frames.end(out, s);
        }

        public static Hello decode(ByteBuf p) throws AgentProtocolException {
            Frames.need(p, 6, "hello");
            int magic = p.readInt();
            if (magic != AgentProtocol.MAGIC) {
                throw new AgentProtocolException(AgentProtocolException.Reason.VERSION,
                        String.format("hello has magic %08x, expected %08x (VGLA)", magic, AgentProtocol.MAGIC));
            }
            int version = p.readUnsignedShort();
            String id = Frames.readString(p, "agent id");
            String host = Frames.readString(p, "host name");
            String software = Frames.readString(p, "software");
            if (!validId(id)) {
                throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                        "agent id must be 1.." + MAX_ID_CHARS + " letters, digits, '.', '_', ':' or '-'");
            }
            return new Hello(version, id, host == null || host.isEmpty() ? id : host, software == null ? "" : software);
        }

        /**
         * True for 1 to 128 ASCII letters, digits, '.', '_', ':' or '-': an id is a search term and a
         * line of the server's checkpoint file, so it carries no wildcard, space or quote.
         */
        public static boolean validId(String s) {
            if (s == null || s.isEmpty() || s.length() > MAX_ID_CHARS) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
                        || c == '_' || c == ':' || c == '-';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Server → agent, the answer to a hello.
     *
     * @param version protocol version the server speaks on this connection
     * @param durableSeq the highest sequence number up to which the server holds every event of this agent
     * @param maxFrameBytes the largest frame the server accepts
     */
    public record Welcome(int version, long durableSeq, int maxFrameBytes) {
        public void encode(ByteBuf out) {
            int s = Frames.begin(out, AgentProtocol.WELCOME);
            out.writeShort(version);
            out.writeLong(durableSeq);
            out.writeInt(maxFrameBytes);
            Frames.end(out, s);
        }

        public static Welcome decode(ByteBuf p) throws AgentProtocolException {
            Frames.need(p, 14, "welcome");
            return new Welcome(p.readUnsignedShort(), p.readLong(), p.readInt());
        }
    }

    /** Server → agent: every event with a sequence number up to {@code seq} is durable. */
    public record Ack(long seq) {
        public void encode(ByteBuf out) {
            int s = Frames.begin(out, AgentProtocol.ACK);
            out.writeLong(seq);
            Frames.end(out, s);
        }

        public static Ack decode(ByteBuf p) throws AgentProtocolException {
            Frames.need(p, 8, "ack");
            return new Ack(p.readLong());
        }
    }

    /**
     * Agent → server: one NTP measurement against the server (RFC 5905 §8).
     *
     * @param offsetSeconds server clock minus agent clock (theta)
     * @param delaySeconds round-trip delay (delta)
     * @param measuredAtMillis the agent's clock when measured (epoch milliseconds)
     */
    public record ClockReport(double offsetSeconds, double delaySeconds, long measuredAtMillis) {
        public void encode(ByteBuf out) {
            int s = Frames.begin(out, AgentProtocol.CLOCK);
            out.writeDouble(offsetSeconds);
            out.writeDouble(delaySeconds);
            out.writeLong(measuredAtMillis);
            Frames.end(out, s);
        }

        public static ClockReport decode(ByteBuf p) throws AgentProtocolException {
            Frames.need(p, 24, "clock report");
            ClockReport c = new ClockReport(p.readDouble(), p.readDouble(), p.readLong());
            if (!Double.isFinite(c.offsetSeconds) || !Double.isFinite(c.delaySeconds)) {
                throw new AgentProtocolException(AgentProtocolException.Reason.MALFORMED,
                        "clock report with a non-finite offset or delay");
            }
            return c;
        }
    }

    /** Either way: why the sender closes the connection. */
    public record ErrorReply(int code, String message) {
        public void encode(ByteBuf out) {
            int s = Frames.begin(out, AgentProtocol.ERROR);
            out.writeShort(code);
            Frames.writeString(out, message);
            Frames.end(out, s);
        }

        public static ErrorReply decode(ByteBuf p) throws AgentProtocolException {
            Frames.need(p, 2, "error");
            int code = p.readUnsignedShort();
            String m = Frames.readString(p, "error message");
            return new ErrorReply(code, m == null ? "" : m);
        }
    }
}

package dev.vigil.agent.protocol;

/**
 * Constants of the shipping protocol, version 1. Every frame is
 * {@code [u32 length][u32 crc32c][u8 type][payload]}, big-endian; {@code length} counts the type byte
 * and the payload, and the CRC-32C (RFC 3720 §B.4, Castagnoli) covers exactly those bytes.
 */
public final class AgentProtocol {
    /** The protocol version this code speaks. */
    public static final int VERSION = 1;
    /** First four bytes of a hello's payload: "VGLA". */
    public static final int MAGIC = 0x56474C41;
    /** Bytes before the type: length and CRC. */
    public static final int HEADER_BYTES = 8;
    /** Largest frame a server accepts unless configured otherwise (length field value). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 << 20;
    /** The default port of the server's agent listener. */
    public static final int DEFAULT_PORT = 9515;

    /** Agent → server: magic, version, agent id, host name, software. */
    public static final int HELLO = 1;
    /** Server → agent: version, the agent's last durable sequence number, the server's maximum frame. */
    public static final int WELCOME = 2;
    /** Agent → server: events with increasing sequence numbers. */
    public static final int BATCH = 3;
    /** Server → agent: every event up to this sequence number is durable. */
    public static final int ACK = 4;
    /** Agent → server: the agent's clock offset against the server's NTP service. */
    public static final int CLOCK = 5;
    /** Either way: a code and a message, then the sender closes the connection. */
    public static final int ERROR = 6;

    /** Error code: the peer's protocol version is not supported. */
    public static final int ERR_VERSION = 1;
    /** Error code: a frame or message could not be decoded. */
    public static final int ERR_PROTOCOL = 2;
    /** Error code: the server is shutting down or the agent connected again elsewhere. */
    public static final int ERR_GOING_AWAY = 3;

    private AgentProtocol() {
    }

    /** A frame type's name, for messages. */
    public static String typeName(int type) {
        return switch (type) {
            case HELLO -> "hello";
            case WELCOME -> "welcome";
            case BATCH -> "batch";
            case ACK -> "ack";
            case CLOCK -> "clock";
            case ERROR -> "error";
            default -> "type " + type;
        };
    }
}

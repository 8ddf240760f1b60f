package dev.vigil.agent.protocol;

import java.io.IOException;

/** A frame or message that breaks the shipping protocol; {@link #reason()} is what metrics count. */
public final class AgentProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why a frame was refused. */
    public enum Reason {
        /** A length field above the maximum (or zero): garbage, or a peer speaking another protocol. */
        OVERSIZE("oversize"),
        /** The CRC-32C does not match the frame's bytes. */
        BAD_CRC("bad_crc"),
        /** A frame type this side does not know, or one not allowed at this point. */
        UNEXPECTED("unexpected"),
        /** A frame whose payload does not decode. */
        MALFORMED("malformed"),
        /** An unsupported protocol version or a wrong magic. */
        VERSION("version");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        /** The metric label. */
        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public AgentProtocolException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

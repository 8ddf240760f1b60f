package dev.vigil.agent.evtx;

import java.io.IOException;

/** An EVTX file, chunk or record that does not follow the format, or exceeds a reader's maximum. */
public class EvtxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the exact reason, naming the numbers involved */
    public EvtxFormatException(String message) {
        super(message);
    }
}

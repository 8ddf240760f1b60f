package dev.vigil.sensor.capture;

import java.io.IOException;

/** A capture file that cannot be read further; carries the byte offset where reading stopped. */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public CaptureFormatException(String reason, long offset) {
        super(reason + " at byte offset " + offset);
        this.offset = offset;
    }

    /** Byte offset in the file of the record that could not be read. */
    public long offset() {
        return offset;
    }
}

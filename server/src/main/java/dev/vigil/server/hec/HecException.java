package dev.vigil.server.hec;

/** A request HEC refuses, with Splunk's status and, for a bad event in a batch, its position (0-based). */
public final class HecException extends Exception {
    private static final long serialVersionUID = 1L;
    private final HecStatus status;
    private final int invalidEventNumber;

    /** A refusal not tied to one event. */
    public HecException(HecStatus status) {
        this(status, -1);
    }

    /** A refusal naming the event (0-based) that caused it. */
    public HecException(HecStatus status, int invalidEventNumber) {
        super(status.text());
        this.status = status;
        this.invalidEventNumber = invalidEventNumber;
    }

    public HecStatus status() { return status; }

    /** The 0-based number of the offending event, or -1. */
    public int invalidEventNumber() { return invalidEventNumber; }
}

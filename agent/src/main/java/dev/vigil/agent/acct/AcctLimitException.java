package dev.vigil.agent.acct;

import java.io.IOException;

/** An accounting file holding more records than the reader was allowed to read. */
public class AcctLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the reason, naming both numbers */
    public AcctLimitException(String message) {
        super(message);
    }
}

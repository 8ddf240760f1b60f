package dev.vigil.collector.action.forward;

import java.io.IOException;

/**
 * The target is fine but refused this one record (a data error such as a date the database cannot
 * store, rsyslog's RS_RET_DATAFAIL): retrying cannot help, so a queue drops the record and goes on.
 */
public class RecordRejectedException extends IOException {
    private static final long serialVersionUID = 1L;

    public RecordRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.vigil.collector.action;

/** An action could not deliver an event; {@link #retryable()} tells whether trying again may help. */
public class ActionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public ActionException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

package dev.vigil.agent.login;

import java.io.IOException;

/** A login-record file that cannot be read as asked: too many records, or not that kind of file. */
public class LoginRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the exact reason, naming the numbers involved */
    public LoginRecordException(String message) {
        super(message);
    }
}

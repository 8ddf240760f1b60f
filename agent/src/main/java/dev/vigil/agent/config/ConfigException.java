package dev.vigil.agent.config;

import java.io.IOException;

/** A mistake in agent.yml; the message begins with {@code file:line:column:}. */
public final class ConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

package dev.vigil.collector.config;

/**
 * A configuration cannot be read: the message is {@code file:line:column: what was expected, what was
 * found}, the form users see.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public ConfigException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The reason without the location. */
    public String reason() {
        return reason;
    }
}

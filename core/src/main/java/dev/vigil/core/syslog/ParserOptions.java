package dev.vigil.core.syslog;

/**
 * Reception settings that change how a frame becomes a message, named after the rsyslog directives
 * that set them. Defaults are rsyslog 8.2302's.
 *
 * @param maxMessageSize {@code $MaxMessageSize}: longest message kept (rsyslog's default is 8096 bytes)
 * @param escapeControlCharacters {@code $EscapeControlCharactersOnReceive}: control characters become {@code #ooo}
 * @param escapeTab {@code $EscapeControlCharacterTab} / parser.escapeControlCharacterTab
 * @param dropTrailingLf {@code $DropTrailingLFOnReception}
 * @param escapePrefix parser.controlCharacterEscapePrefix
 */
public record ParserOptions(int maxMessageSize, boolean escapeControlCharacters, boolean escapeTab,
                            boolean dropTrailingLf, char escapePrefix) {
    /** rsyslog's default maximum message size. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 8096;
    /** The largest message size Vigil accepts as a setting. */
    public static final int LIMIT_MAX_MESSAGE_SIZE = 1 << 20;

    public static final ParserOptions DEFAULTS = new ParserOptions(DEFAULT_MAX_MESSAGE_SIZE, true, true, true, '#');

    public ParserOptions {
        if (maxMessageSize < 128 || maxMessageSize > LIMIT_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maximum message size " + maxMessageSize
                    + " is outside 128.." + LIMIT_MAX_MESSAGE_SIZE);
        }
    }

    public ParserOptions withMaxMessageSize(int size) {
        return new ParserOptions(size, escapeControlCharacters, escapeTab, dropTrailingLf, escapePrefix);
    }
}

package dev.vigil.agent.config;

/**
 * How lines are joined into one event, with Filebeat's semantics: a line is a continuation when it matches
 * {@code pattern} (or, with {@code negate}, when it does not); with {@code after} continuations are appended
 * to the line before them, otherwise they are prepended to the line after them.
 *
 * @param pattern   an RE2 regular expression, searched anywhere in the line
 * @param negate    whether continuation lines are those that do not match
 * @param after     {@code match: after} (true) or {@code match: before} (false)
 * @param maxLines  lines beyond this many in one event are left out (counted)
 * @param maxBytes  bytes beyond this many in one event are left out (counted)
 * @param timeoutMs an event waiting for more lines is sent after this long without any
 */
public record MultilineConfig(String pattern, boolean negate, boolean after, int maxLines, int maxBytes,
                              long timeoutMs) {
    public static final int DEFAULT_MAX_LINES = 500;
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    public static final long DEFAULT_TIMEOUT_MS = 5000;
}

package dev.vigil.collector.filter;

/** A filter could not be parsed; {@link #offset()} is where, in the text given to the parser. */
public class FilterSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    public FilterSyntaxException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Offset of the problem in the parsed text. */
    public int offset() {
        return offset;
    }
}

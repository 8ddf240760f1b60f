package dev.vigil.search.parse;

/**
 * A malformed query: where (0-based character offset), what was expected there and what was found.
 * {@link #display()} renders the query with a caret under the position, as the CLI prints it.
 */
public final class SplSyntaxException extends IllegalArgumentException {
    private final String query;
    private final int position;
    private final String detail;

    public SplSyntaxException(String query, int position, String detail) {
        super("error at position " + (position + 1) + ": " + detail);
        this.query = query;
        this.position = position;
        this.detail = detail;
    }

    /** 0-based character offset in the query. */
    public int position() { return position; }

    /** What went wrong, without the position. */
    public String detail() { return detail; }

    /** The query, a caret under the position, and the message. */
    public String display() {
        StringBuilder b = new StringBuilder();
        b.append(query).append('\n');
        for (int i = 0; i < position && i < query.length(); i++) b.append(query.charAt(i) == '\t' ? '\t' : ' ');
        b.append("^ ").append(getMessage());
        return b.toString();
    }
}

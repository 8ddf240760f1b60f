package dev.vigil.search;

import dev.vigil.search.command.CommandParser;
import dev.vigil.search.command.Pipeline;

/** Entry point of the SPL language: parse a query into its immutable plan. */
public final class Spl {
    private Spl() {}

    /**
     * Parses a query.
     *
     * @throws dev.vigil.search.parse.SplSyntaxException with the position and what was expected
     */
    public static Pipeline parse(String query) {
        return CommandParser.parse(query);
    }
}

package dev.vigil.search.command;

import dev.vigil.search.expr.SearchTerm;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed query: the commands in order plus the earliest/latest modifiers written in the initial search.
 * Immutable; {@link #explain} prints the plan one command per line.
 *
 * @param commands the commands; the first is a {@link SearchCmd} unless the query starts with a generating command
 * @param earliest earliest= from the query text, or null
 * @param latest   latest= from the query text, or null
 */
public record Pipeline(List<Command> commands, String earliest, String latest) {
    public Pipeline {
        commands = List.copyOf(commands);
    }

    /** The initial search's terms (what a store may push down), or All when the query starts with a generator. */
    public SearchTerm initialSearch() {
        return !commands.isEmpty() && commands.get(0) instanceof SearchCmd s ? s.term() : new SearchTerm.All();
    }

    /** True when the first command generates rows itself and reads no events. */
    public boolean generating() {
        return !commands.isEmpty() && commands.get(0).generating();
    }

    /** The query in SPL, normalised. */
    public String toSpl() {
        String body = commands.stream().map(Command::toSpl).collect(Collectors.joining(" | "));
        return generating() ? "| " + body : body;
    }

    /** The plan: time range then one numbered line per command. */
    public String explain() {
        StringBuilder b = new StringBuilder();
        b.append("time range: earliest=").append(earliest == null ? "(search default)" : earliest)
                .append(" latest=").append(latest == null ? "(search default)" : latest).append('\n');
        for (int i = 0; i < commands.size(); i++) {
            b.append(i + 1).append(". ").append(commands.get(i).explain()).append('\n');
        }
        return b.toString();
    }
}

package dev.vigil.search.command;

import dev.vigil.search.exec.ExecContext;
import dev.vigil.search.exec.Operator;

/**
 * One SPL command as an immutable plan value (every implementation is a record: equals, hashCode and
 * toString come with it). {@link #open} makes the running operator that pushes into {@code downstream}.
 */
public interface Command {
    Operator open(ExecContext ctx, Operator downstream);

    /** The command in SPL syntax, parseable back to an equal value. */
    String toSpl();

    /** One line for explain(): what the command does with its arguments. */
    default String explain() {
        return toSpl();
    }

    /** True for commands that produce rows without events (inputlookup, makeresults). */
    default boolean generating() {
        return false;
    }
}

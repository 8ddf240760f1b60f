/**
 * SPL commands as immutable plan values ({@link dev.vigil.search.command.Command} records) and the operators
 * they open; {@link dev.vigil.search.command.Pipeline} is a whole parsed query.
 */
package dev.vigil.search.command;

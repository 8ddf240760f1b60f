/**
 * The filter tree that SPL search terms compile into: immutable values (terms on {@code _raw}, field
 * matches, ranges, AND/OR/NOT) that every {@link dev.vigil.index.EventStore} implementation turns into
 * its own queries, and that can evaluate and explain themselves against one event.
 */
package dev.vigil.index.query;

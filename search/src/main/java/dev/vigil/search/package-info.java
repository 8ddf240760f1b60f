/**
 * Splunk's Search Processing Language for Vigil: {@link dev.vigil.search.Spl} parses a query into an
 * immutable {@link dev.vigil.search.command.Pipeline} and runs it against a
 * {@link dev.vigil.search.exec.SearchSource}.
 */
package dev.vigil.search;

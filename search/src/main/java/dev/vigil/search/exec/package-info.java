/**
 * Running a pipeline: the {@link dev.vigil.search.exec.SearchSource} events come from, the push-based
 * operators commands open, and the per-search limits (memory, timeout, cancel) that keep a search from
 * taking the server down.
 */
package dev.vigil.search.exec;

/**
 * Event storage: the {@link dev.vigil.index.EventStore} interface every store implements (append with
 * durability, filtered newest-first queries, aggregation push-down) and the values it speaks in.
 * The embedded Lucene implementation lives in {@code dev.vigil.index.lucene}.
 */
package dev.vigil.index;

/**
 * The search side of the index module: {@link dev.vigil.search.store.IndexSearchSource} streams events from an
 * {@link dev.vigil.index.EventStore}, compiling the initial search into the store's filter tree and counting
 * through the store's aggregations when a query allows it.
 */
package dev.vigil.search.store;

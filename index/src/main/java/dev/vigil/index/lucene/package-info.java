/**
 * The embedded store: one Lucene index per index name per UTC day under {@code DATA/index/<index>/<yyyy-mm-dd>/},
 * near-real-time readers, periodic commits for durability, and the compiler from filter trees to Lucene queries.
 */
package dev.vigil.index.lucene;

/**
 * What a query computes with: the search-term tree (keywords, phrases, field comparisons under NOT/OR/AND)
 * and eval expressions with Splunk's function library. Both are immutable values.
 */
package dev.vigil.search.expr;

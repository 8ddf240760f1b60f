/**
 * The SPL parser: a character cursor, the search-term grammar (NOT, OR, AND with implicit AND loosest),
 * the eval expression grammar, and per-command argument parsing; errors carry the position and what
 * was expected.
 */
package dev.vigil.search.parse;

/**
 * The search HTTP API: {@code POST /api/search} streaming results (JSON lines, JSON or CSV) and search jobs
 * for long searches (create, progress, results, cancel). The server mounts {@link dev.vigil.server.api.search.SearchApi}.
 */
package dev.vigil.server.api.search;

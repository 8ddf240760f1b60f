/**
 * Running a search from the command line: straight on a data directory ({@link dev.vigil.search.client.DataDirSearch})
 * or against a running server's {@code POST /api/search} ({@link dev.vigil.search.client.RemoteSearch}).
 */
package dev.vigil.search.client;

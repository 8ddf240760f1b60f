/**
 * Importing files into a store or a remote HEC: plain and gzip files, Zeek log directories (TSV with
 * their headers, or JSON), one event per line, with sourcetype, host and index chosen as Splunk would.
 */
package dev.vigil.index.importer;

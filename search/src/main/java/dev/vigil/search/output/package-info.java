/**
 * How results leave a search: Splunk-CLI-like tables, {@code {"columns":[...],"rows":[[...]]}} JSON,
 * CSV, and JSON lines for streaming; {@code _time} printed in the search time zone.
 */
package dev.vigil.search.output;

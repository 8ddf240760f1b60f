/**
 * Application-protocol analyzers attached to connections by port or by content (Zeek's DPD),
 * confirming services for conn.log and writing their own logs (dns.log, ...).
 */
package dev.vigil.sensor.analyzer;

/**
 * The Vigil node: wires the syslog inputs, the main queue, the rules (or the default per-host files), the
 * HTTP API and the NTP service, and stops them all cleanly.
 */
package dev.vigil.server;

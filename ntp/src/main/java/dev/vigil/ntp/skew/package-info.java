/**
 * Clock-skew watch: per source host, the sliding-window median of reported-minus-received time
 * (syslog) or of measured NTP offsets (agents), and threshold crossings reported once each.
 * No HTTP or event plumbing here; the server module wires it to /api/sources and to events.
 */
package dev.vigil.ntp.skew;

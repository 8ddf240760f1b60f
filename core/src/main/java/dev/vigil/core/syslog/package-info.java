/**
 * Syslog codecs: RFC 3164 and RFC 5424 parsing with rsyslog 8.2302's exact behaviour, reception-time
 * sanitising, timestamp parsing and formatting, and rsyslog's message properties.
 */
package dev.vigil.core.syslog;

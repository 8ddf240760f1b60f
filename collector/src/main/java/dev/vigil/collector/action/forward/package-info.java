/**
 * rsyslog's omfwd: forwarding to another syslog server over UDP, TCP (LF or octet-counted framing),
 * TLS, optionally zlib-compressed in rsyslog's wire format, with a disk-assisted queue that keeps
 * messages while the target is away.
 */
package dev.vigil.collector.action.forward;

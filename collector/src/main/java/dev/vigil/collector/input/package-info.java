/**
 * Syslog network inputs on Netty: UDP (imudp), TCP and TLS (imtcp, RFC 6587 and RFC 5425), with
 * per-input counters, back-pressure on TCP and counted drops on UDP.
 */
package dev.vigil.collector.input;

/**
 * The NTP server: the in-place request-to-reply logic ({@link dev.vigil.ntp.server.NtpResponder}),
 * per-client rate limiting with optional KoD RATE in a bounded table, and the Netty UDP listener
 * ({@link dev.vigil.ntp.server.NtpServer}, epoll with SO_REUSEPORT when available).
 */
package dev.vigil.ntp.server;

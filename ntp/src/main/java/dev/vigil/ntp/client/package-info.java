/**
 * The NTP client: one on-wire exchange ({@link dev.vigil.ntp.client.NtpClient}) with the RFC 5905
 * §8 sanity checks, host[:port] parsing, and the ntpdate-style query ({@link dev.vigil.ntp.client.NtpQuery}).
 */
package dev.vigil.ntp.client;

/**
 * Vigil's time service: {@link dev.vigil.ntp.NtpConfig} (what vigil.yml's {@code ntp:} section
 * holds) and {@link dev.vigil.ntp.NtpService}, which wires the upstream synchronizer, the served
 * time source and the UDP server together for the server module.
 */
package dev.vigil.ntp;

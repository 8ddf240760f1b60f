/**
 * Upstream synchronization as RFC 5905 describes it: the per-source clock filter (§10), the
 * selection, cluster and combine algorithms (§11.2), the system variables they produce, and the
 * poller that keeps them fresh. It computes an offset to serve; it never sets the system clock.
 */
package dev.vigil.ntp.sync;

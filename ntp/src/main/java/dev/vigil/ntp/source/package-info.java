/**
 * Where served time comes from: the {@link dev.vigil.ntp.source.TimeSource} contract and its
 * snapshot {@link dev.vigil.ntp.source.ServedTime}, the local clock at a fixed stratum, the
 * unsynchronized state, and the clock-reading precision measurement.
 */
package dev.vigil.ntp.source;

/**
 * The network sensor: reads a capture, tracks connections the way Zeek does and writes
 * Zeek-compatible logs. {@link dev.vigil.sensor.Sensor} wires the reader, decoder, connection
 * table, analyzers and log writer together.
 */
package dev.vigil.sensor;

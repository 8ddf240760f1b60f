/**
 * Capture-file readers: classic pcap (micro/nanosecond, both byte orders) and pcapng.
 * They hand each packet to a {@link dev.vigil.sensor.capture.PacketSink} as a slice of a
 * large reusable buffer, and report corrupt input with the byte offset where reading stopped.
 */
package dev.vigil.sensor.capture;

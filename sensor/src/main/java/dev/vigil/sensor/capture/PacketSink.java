package dev.vigil.sensor.capture;

/**
 * Receives packets from a capture reader. The bytes are only valid during the call:
 * readers reuse their buffer, so a sink that keeps data must copy it.
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * @param linkType   the link-layer header type (LINKTYPE_* number, as in pcap)
     * @param tsSeconds  capture time, whole seconds since the epoch
     * @param tsMicros   capture time, microseconds within the second (libpcap's precision)
     * @param data       buffer holding the captured bytes
     * @param offset     where the packet starts in {@code data}
     * @param capLen     captured length
     * @param wireLen    original length on the wire
     */
    void packet(int linkType, long tsSeconds, int tsMicros, byte[] data, int offset, int capLen, int wireLen);
}

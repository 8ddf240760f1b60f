package dev.vigil.sensor.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a capture file packet by packet. {@link #open(Path, int)} picks the format from the magic number.
 */
public interface CaptureReader extends Closeable {
    /** Default maximum captured length of one packet (libpcap's MAXIMUM_SNAPLEN). */
    int DEFAULT_MAX_PACKET = 262_144;

    /**
     * Delivers the next packet to {@code sink}.
     *
     * @return false at a clean end of file
     * @throws CaptureFormatException when the file is corrupt or truncated; packets before it were delivered
     */
    boolean next(PacketSink sink) throws IOException;

    /** Byte offset of the next record to be read. */
    long position();

    /** Opens a pcap or pcapng file, rejecting packets whose captured length exceeds {@code maxPacket}. */
    static CaptureReader open(Path file, int maxPacket) throws IOException {
        InputStream in = Files.newInputStream(file);
        return open(in, maxPacket);
    }

    /** Opens a pcap or pcapng stream (the stream is closed with the reader). */
    static CaptureReader open(InputStream in, int maxPacket) throws IOException {
        ByteSource src = new ByteSource(in, 1 << 20, maxPacket + 64);
        if (!src.ensure(4)) {
            src.close();
            throw new CaptureFormatException("file too short for a capture header (" + src.available() + " bytes)", 0);
        }
        int magic = src.beInt(src.pos());
        if (magic == PcapngReader.BLOCK_SHB) {
            return new PcapngReader(src, maxPacket);
        }
        return new PcapReader(src, maxPacket);
    }
}

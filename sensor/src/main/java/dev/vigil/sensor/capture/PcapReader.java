package dev.vigil.sensor.capture;

import java.io.IOException;

/**
 * Classic libpcap file reader: microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d) magic,
 * either byte order. Nanosecond timestamps are truncated to microseconds, as libpcap does
 * when a program (Zeek, tcpdump) opens the file at its default precision.
 */
public final class PcapReader implements CaptureReader {
    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private final ByteSource src;
    private final int maxPacket;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;

    PcapReader(ByteSource src, int maxPacket) throws IOException {
        this.src = src;
        this.maxPacket = maxPacket;
        if (!src.ensure(GLOBAL_HEADER)) {
            throw new CaptureFormatException("truncated pcap file header (" + src.available() + " of 24 bytes)", 0);
        }
        int p = src.pos();
        int be = src.beInt(p);
        int le = src.leInt(p);
        if (be == MAGIC_MICRO || be == MAGIC_NANO) {
            bigEndian = true;
            nanos = be == MAGIC_NANO;
        } else if (le == MAGIC_MICRO || le == MAGIC_NANO) {
            bigEndian = false;
            nanos = le == MAGIC_NANO;
        } else {
            throw new CaptureFormatException(String.format("not a pcap or pcapng file (magic 0x%08x)", be), 0);
        }
        // The link type's upper bits may carry FCS information; the type is the low 16 bits.
        linkType = src.int32(p + 20, bigEndian) & 0xffff;
        src.skip(GLOBAL_HEADER);
    }

    /** The file's link-layer header type. */
    public int linkType() {
        return linkType;
    }

    @Override
    public boolean next(PacketSink sink) throws IOException {
        if (!src.ensure(RECORD_HEADER)) {
            if (src.available() == 0) {
                return false;
            }
            throw new CaptureFormatException("truncated packet record header (" + src.available() + " of 16 bytes)", src.fileOffset());
        }
        int p = src.pos();
        long sec = src.int32(p, bigEndian) & 0xffffffffL;
        long frac = src.int32(p + 4, bigEndian) & 0xffffffffL;
        int capLen = src.int32(p + 8, bigEndian);
        int wireLen = src.int32(p + 12, bigEndian);
        if (capLen < 0 || capLen > maxPacket) {
            throw new CaptureFormatException("packet length " + Integer.toUnsignedString(capLen)
                    + " exceeds the maximum " + maxPacket, src.fileOffset());
        }
        if (!src.ensure(RECORD_HEADER + capLen)) {
            throw new CaptureFormatException("truncated packet data (" + (src.available() - RECORD_HEADER)
                    + " of " + capLen + " bytes)", src.fileOffset());
        }
        p = src.pos();
        int micros = (int) (nanos ? frac / 1000 : frac);
        if (micros >= 1_000_000) { // libpcap normalises nothing; keep the value in range for time math
            sec += micros / 1_000_000;
            micros %= 1_000_000;
        }
        src.skip(RECORD_HEADER + capLen);
        sink.packet(linkType, sec, micros, src.buf, p + RECORD_HEADER, capLen, Math.max(wireLen, capLen));
        return true;
    }

    @Override
    public long position() {
        return src.fileOffset();
    }

    @Override
    public void close() throws IOException {
        src.close();
    }
}

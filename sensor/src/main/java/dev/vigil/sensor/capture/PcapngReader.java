package dev.vigil.sensor.capture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * pcapng reader (draft-ietf-opsawg-pcapng): section header blocks in either byte order,
 * several interfaces each with its own link type, if_tsresol and if_tsoffset; enhanced,
 * simple and obsolete packet blocks. Timestamps are converted to microseconds like libpcap.
 */
public final class PcapngReader implements CaptureReader {
    /** Section Header Block type; also the file magic (pcapng §4.1). */
    static final int BLOCK_SHB = 0x0A0D0D0A;
    /** Interface Description Block (pcapng §4.2). */
    static final int BLOCK_IDB = 1;
    /** Obsolete Packet Block (pcapng appendix A). */
    static final int BLOCK_PB = 2;
    /** Simple Packet Block (pcapng §4.4). */
    static final int BLOCK_SPB = 3;
    /** Enhanced Packet Block (pcapng §4.3). */
    static final int BLOCK_EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_TSRESOL = 9;
    private static final int OPT_TSOFFSET = 14;
    /** Blocks other than packets (names, statistics, ...) are bounded too. */
    private static final int MAX_OTHER_BLOCK = 16 << 20;

    private final ByteSource src;
    private final int maxPacket;
    private boolean bigEndian;
    private final List<Iface> ifaces = new ArrayList<>();

    private static final class Iface {
        int linkType;
        int snapLen;
        long unitsPerSecond = 1_000_000;
        long tsOffset;
    }

    PcapngReader(ByteSource src, int maxPacket) {
        this.src = src;
        this.maxPacket = maxPacket;
    }

    @Override
    public boolean next(PacketSink sink) throws IOException {
        while (true) {
            if (!src.ensure(12)) {
                if (src.available() == 0) {
                    return false;
                }
                throw new CaptureFormatException("truncated block header (" + src.available() + " of 12 bytes)", src.fileOffset());
            }
            int p = src.pos();
            int type = src.int32(p, bigEndian);
            if (src.beInt(p) == BLOCK_SHB) {
                int bom = src.beInt(p + 8);
                if (bom == BYTE_ORDER_MAGIC) {
                    bigEndian = true;
                } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                    bigEndian = false;
                } else {
                    throw new CaptureFormatException(String.format("bad pcapng byte-order magic 0x%08x", bom), src.fileOffset());
                }
                type = BLOCK_SHB;
            }
            int total = src.int32(p + 4, bigEndian);
            int max = (type == BLOCK_EPB || type == BLOCK_SPB || type == BLOCK_PB) ? maxPacket + 64 : MAX_OTHER_BLOCK;
            if (total < 12 || (total & 3) != 0 || total > max) {
                throw new CaptureFormatException("block length " + Integer.toUnsignedString(total)
                        + (total > max ? " exceeds the maximum " + max : " is invalid"), src.fileOffset());
            }
            if (!src.ensure(total)) {
                throw new CaptureFormatException("truncated block (" + src.available() + " of " + total + " bytes)", src.fileOffset());
            }
            p = src.pos();
            long blockOffset = src.fileOffset();
            if (src.int32(p + total - 4, bigEndian) != total) {
                throw new CaptureFormatException("block trailer length differs from header length " + total, blockOffset);
            }
            switch (type) {
                case BLOCK_SHB -> ifaces.clear(); // a new section starts its own interface numbering
                case BLOCK_IDB -> ifaces.add(readIdb(p, total));
                case BLOCK_EPB, BLOCK_PB -> {
                    boolean obsolete = type == BLOCK_PB;
                    int ifId = obsolete ? src.uint16(p + 8, bigEndian) : src.int32(p + 8, bigEndian);
                    Iface ifc = iface(ifId, blockOffset);
                    long ts = ((src.int32(p + 12, bigEndian) & 0xffffffffL) << 32) | (src.int32(p + 16, bigEndian) & 0xffffffffL);
                    int capLen = src.int32(p + 20, bigEndian);
                    int wireLen = src.int32(p + 24, bigEndian);
                    if (capLen < 0 || capLen > total - 32) {
                        throw new CaptureFormatException("packet length " + Integer.toUnsignedString(capLen)
                                + " exceeds the block's room " + (total - 32), blockOffset);
                    }
                    src.skip(total);
                    deliver(sink, ifc, ts, p + 28, capLen, wireLen);
                    return true;
                }
                case BLOCK_SPB -> {
                    Iface ifc = iface(0, blockOffset);
                    int wireLen = src.int32(p + 8, bigEndian);
                    int capLen = Math.min(total - 16, wireLen);
                    if (ifc.snapLen > 0) {
                        capLen = Math.min(capLen, ifc.snapLen);
                    }
                    src.skip(total);
                    deliver(sink, ifc, 0, p + 12, Math.max(capLen, 0), wireLen);
                    return true;
                }
                default -> { }
            }
            src.skip(total);
        }
    }

    private Iface iface(int id, long at) throws CaptureFormatException {
        if (id < 0 || id >= ifaces.size()) {
            throw new CaptureFormatException("packet names interface " + id + " but only " + ifaces.size() + " are described", at);
        }
        return ifaces.get(id);
    }

    private void deliver(PacketSink sink, Iface ifc, long ts, int off, int capLen, int wireLen) {
        long units = ifc.unitsPerSecond;
        long sec = Long.divideUnsigned(ts, units);
        long frac = Long.remainderUnsigned(ts, units);
        long micros;
        if (units == 1_000_000) {
            micros = frac;
        } else if (units > 1_000_000) {
            micros = frac / (units / 1_000_000);
        } else {
            micros = frac * 1_000_000 / units;
        }
        sink.packet(ifc.linkType, sec + ifc.tsOffset, (int) micros, src.buf, off, capLen, Math.max(wireLen, capLen));
    }

    private Iface readIdb(int p, int total) {
        Iface ifc = new Iface();
        ifc.linkType = src.uint16(p + 8, bigEndian);
        ifc.snapLen = src.int32(p + 12, bigEndian);
        int o = p + 16;
        int end = p + total - 4;
        while (o + 4 <= end) {
            int code = src.uint16(o, bigEndian);
            int len = src.uint16(o + 2, bigEndian);
            if (code == 0 || o + 4 + len > end) {
                break;
            }
            if (code == OPT_TSRESOL && len >= 1) {
                int v = src.buf[o + 4] & 0xff;
                int exp = v & 0x7f;
                boolean pow2 = (v & 0x80) != 0;
                if (pow2 && exp < 63) {
                    ifc.unitsPerSecond = 1L << exp;
                } else if (!pow2 && exp <= 18) {
                    long u = 1;
                    for (int i = 0; i < exp; i++) {
                        u *= 10;
                    }
                    ifc.unitsPerSecond = u;
                }
            } else if (code == OPT_TSOFFSET && len >= 8) {
                long hi = src.int32(o + 4, bigEndian) & 0xffffffffL;
                long lo = src.int32(o + 8, bigEndian) & 0xffffffffL;
                ifc.tsOffset = bigEndian ? (hi << 32) | lo : (lo << 32) | hi;
            }
            o += 4 + ((len + 3) & ~3);
        }
        return ifc;
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

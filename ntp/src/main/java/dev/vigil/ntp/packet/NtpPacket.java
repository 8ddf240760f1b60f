package dev.vigil.ntp.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * One NTP packet header (RFC 5905 §7.3, figure 8) as an immutable value, plus what its layout says
 * follows the header ({@link NtpLayout}). Timestamps stay raw 64-bit values; convert them with
 * {@link NtpTimestamp} against a pivot. Extension fields and MACs are recognised, never echoed.
 */
public final class NtpPacket {
    /** LI: no warning (RFC 5905 §7.3). */
    public static final int LEAP_NONE = 0;
    /** LI 3: clock unsynchronized (RFC 5905 §7.3). */
    public static final int LEAP_UNSYNCHRONIZED = 3;
    /** Mode 0, reserved; NTPv1 had no mode field (RFC 1059). */
    public static final int MODE_RESERVED = 0;
    /** Mode 1, symmetric active (RFC 5905 §3). */
    public static final int MODE_SYMMETRIC_ACTIVE = 1;
    /** Mode 2, symmetric passive (RFC 5905 §3). */
    public static final int MODE_SYMMETRIC_PASSIVE = 2;
    /** Mode 3, client (RFC 5905 §3). */
    public static final int MODE_CLIENT = 3;
    /** Mode 4, server (RFC 5905 §3). */
    public static final int MODE_SERVER = 4;
    /** Mode 5, broadcast (RFC 5905 §3). */
    public static final int MODE_BROADCAST = 5;
    /** Stratum 0: unspecified, or a kiss-o'-death packet (RFC 5905 §7.3, §7.4). */
    public static final int STRATUM_KISS = 0;
    /** Stratum 16: unsynchronized (RFC 5905 §7.3). */
    public static final int STRATUM_UNSYNCHRONIZED = 16;
    /** Maximum NTP stratum for a synchronized server (RFC 5905 §7.3: MAXSTRAT 16 means unsynchronized). */
    public static final int MAX_STRATUM = 15;
    /** Kiss code RATE: reduce your polling (RFC 5905 §7.4). */
    public static final int KISS_RATE = ascii("RATE");
    /** Kiss code DENY: access denied (RFC 5905 §7.4). */
    public static final int KISS_DENY = ascii("DENY");
    /** Kiss code RSTR: access restricted (RFC 5905 §7.4). */
    public static final int KISS_RSTR = ascii("RSTR");
    /** Reference id LOCL: the uncalibrated local clock (RFC 5905 §7.3, figure 12). */
    public static final int REFID_LOCL = ascii("LOCL");

    public final int leap;
    public final int version;
    public final int mode;
    public final int stratum;
    public final int poll;
    public final int precision;
    public final int rootDelay;
    public final int rootDispersion;
    public final int referenceId;
    public final long referenceTimestamp;
    public final long originTimestamp;
    public final long receiveTimestamp;
    public final long transmitTimestamp;
    /** The layout kind from {@link NtpLayout#classify}: plain, MAC, NTS... */
    public final int layout;
    /** Total length of the datagram it was decoded from (48 when built). */
    public final int length;

    public NtpPacket(int leap, int version, int mode, int stratum, int poll, int precision, int rootDelay,
                     int rootDispersion, int referenceId, long referenceTimestamp, long originTimestamp,
                     long receiveTimestamp, long transmitTimestamp) {
        this(leap, version, mode, stratum, poll, precision, rootDelay, rootDispersion, referenceId,
                referenceTimestamp, originTimestamp, receiveTimestamp, transmitTimestamp, NtpLayout.PLAIN,
                NtpLayout.HEADER_LENGTH);
    }

    private NtpPacket(int leap, int version, int mode, int stratum, int poll, int precision, int rootDelay,
                      int rootDispersion, int referenceId, long referenceTimestamp, long originTimestamp,
                      long receiveTimestamp, long transmitTimestamp, int layout, int length) {
        this.leap = leap & 3;
        this.version = version & 7;
        this.mode = mode & 7;
        this.stratum = stratum & 0xFF;
        this.poll = (byte) poll;
        this.precision = (byte) precision;
        this.rootDelay = rootDelay;
        this.rootDispersion = rootDispersion;
        this.referenceId = referenceId;
        this.referenceTimestamp = referenceTimestamp;
        this.originTimestamp = originTimestamp;
        this.receiveTimestamp = receiveTimestamp;
        this.transmitTimestamp = transmitTimestamp;
        this.layout = layout;
        this.length = length;
    }

    /** Decodes a datagram; throws with the exact reason when it is not an NTP packet. */
    public static NtpPacket decode(byte[] data, int maxLength) throws NtpFormatException {
        return decode(Unpooled.wrappedBuffer(data), maxLength);
    }

    /** Decodes the readable bytes of {@code buf} without consuming them. */
    public static NtpPacket decode(ByteBuf buf, int maxLength) throws NtpFormatException {
        int off = buf.readerIndex();
        int len = buf.readableBytes();
        int kind = NtpLayout.classify(buf, off, len, maxLength);
        if (kind < 0) {
            int vn = len > 0 ? NtpLayout.version(buf, off) : 0;
            throw new NtpFormatException(NtpLayout.describe(kind, len, maxLength, vn));
        }
        int b0 = buf.getUnsignedByte(off);
        return new NtpPacket(b0 >> 6, (b0 >> 3) & 7, b0 & 7, buf.getUnsignedByte(off + 1), buf.getByte(off + 2),
                buf.getByte(off + 3), buf.getInt(off + 4), buf.getInt(off + 8), buf.getInt(off + 12),
                buf.getLong(off + 16), buf.getLong(off + 24), buf.getLong(off + 32), buf.getLong(off + 40),
                kind, len);
    }

    /** Writes the 48-byte header at the writer index. */
    public void encode(ByteBuf out) {
        out.writeByte((leap << 6) | (version << 3) | mode);
        out.writeByte(stratum);
        out.writeByte(poll);
        out.writeByte(precision);
        out.writeInt(rootDelay);
        out.writeInt(rootDispersion);
        out.writeInt(referenceId);
        out.writeLong(referenceTimestamp);
        out.writeLong(originTimestamp);
        out.writeLong(receiveTimestamp);
        out.writeLong(transmitTimestamp);
    }

    /** The 48-byte header as a new array. */
    public byte[] toBytes() {
        byte[] b = new byte[NtpLayout.HEADER_LENGTH];
        ByteBuf out = Unpooled.wrappedBuffer(b);
        out.writerIndex(0);
        encode(out);
        return b;
    }

    /** True for a kiss-o'-death: a reply with stratum 0 and a kiss code in the reference id (RFC 5905 §7.4). */
    public boolean isKissOfDeath() {
        return stratum == STRATUM_KISS && referenceId != 0
                && (mode == MODE_SERVER || mode == MODE_SYMMETRIC_PASSIVE);
    }

    /** The reference id as four ASCII characters (kiss codes, stratum-1 sources), NULs dropped. */
    public String referenceIdAscii() {
        byte[] b = {(byte) (referenceId >>> 24), (byte) (referenceId >>> 16), (byte) (referenceId >>> 8),
                (byte) referenceId};
        StringBuilder sb = new StringBuilder(4);
        for (byte x : b) {
            if (x != 0) {
                sb.append(x >= 32 && x < 127 ? (char) x : '?');
            }
        }
        return sb.toString();
    }

    /** Root delay in seconds. */
    public double rootDelaySeconds() {
        return NtpTimestamp.fromShort(rootDelay);
    }

    /** Root dispersion in seconds. */
    public double rootDispersionSeconds() {
        return NtpTimestamp.fromShort(rootDispersion);
    }

    /** Four ASCII characters as a big-endian reference id. */
    public static int ascii(String code) {
        byte[] b = code.getBytes(StandardCharsets.US_ASCII);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (i < b.length ? b[i] & 0xFF : 0);
        }
        return v;
    }

    @Override
    public String toString() {
        return "NtpPacket{LI=" + leap + " VN=" + version + " mode=" + mode + " stratum=" + stratum + " poll=" + poll
                + " precision=" + precision + " rootDelay=" + rootDelaySeconds() + " rootDisp="
                + rootDispersionSeconds() + " refid=" + Integer.toHexString(referenceId) + " org="
                + Long.toHexString(originTimestamp) + " rec=" + Long.toHexString(receiveTimestamp) + " xmt="
                + Long.toHexString(transmitTimestamp) + " layout=" + layout + " length=" + length + "}";
    }
}

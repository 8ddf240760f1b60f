package dev.vigil.ntp.packet;

import io.netty.buffer.ByteBuf;

/**
 * What follows the 48-byte header: the length, version, extension-field and MAC rules that decide
 * whether a datagram is an NTP packet at all, and what kind of authentication it asks for. The
 * checks run in place on a {@link ByteBuf} and allocate nothing, so the server's hot path can use
 * them; failures come back as negative codes, which {@link #describe} turns into a sentence.
 * The rules follow RFC 5905 §7.3, RFC 7822 §3 and §7.5 of RFC 5905 (MAC), as chronyd applies them.
 */
public final class NtpLayout {
    /** Length of the fixed header (RFC 5905 §7.3). */
    public static final int HEADER_LENGTH = 48;
    /** Smallest extension field: 4 header bytes and 12 value bytes (RFC 7822 §3). */
    public static final int MIN_EXTENSION_LENGTH = 16;
    /** A MAC is a 32-bit key id and a 128-bit digest at least (RFC 5905 §7.3, MD5). */
    public static final int MIN_MAC_LENGTH = 20;
    /** NTPv4 MACs are at most a key id and a 160-bit digest (RFC 7822 §3: SHA-1). */
    public static final int MAX_V4_MAC_LENGTH = 24;
    /** MS-SNTP authenticator: key id then 16 zero bytes ([MS-SNTP] §2.2.1). */
    public static final int MSSNTP_LENGTH = 20;
    /** MS-SNTP extended authenticator: 72 bytes with zeros after byte 8 ([MS-SNTP] §2.2.2). */
    public static final int MSSNTP_EXT_LENGTH = 72;

    /** Header only, or header and extension fields of unknown, ignorable types. */
    public static final int PLAIN = 0;
    /** A symmetric-key MAC follows (RFC 5905 §7.3); we hold no keys. */
    public static final int SYMMETRIC_MAC = 1;
    /** NTS extension fields (RFC 8915 §5.7); we run no NTS-KE. */
    public static final int NTS = 2;
    /** Microsoft's MS-SNTP authenticator (domain members' w32tm). */
    public static final int MSSNTP = 3;
    /** Microsoft's MS-SNTP extended authenticator. */
    public static final int MSSNTP_EXT = 4;
    /** A bare zero key id: the crypto-NAK (RFC 5905 §7.4). */
    public static final int CRYPTO_NAK = 5;

    public static final int ERR_SHORT = -1;
    public static final int ERR_NOT_MULTIPLE_OF_4 = -2;
    public static final int ERR_VERSION = -3;
    public static final int ERR_EXTENSION = -4;
    public static final int ERR_TOO_LONG = -5;

    private NtpLayout() {
    }

    /** The version number (bits 2–4 of the first byte) of a packet at {@code off}. */
    public static int version(ByteBuf buf, int off) {
        return (buf.getByte(off) >> 3) & 7;
    }

    /**
     * Classifies {@code len} bytes at {@code off}: a non-negative kind ({@link #PLAIN} ...) or a
     * negative error code. {@code maxLength} is the caller's required bound.
     */
    public static int classify(ByteBuf buf, int off, int len, int maxLength) {
        if (len > maxLength) {
            return ERR_TOO_LONG;
        }
        if (len < HEADER_LENGTH) {
            return ERR_SHORT;
        }
        if ((len & 3) != 0) {
            return ERR_NOT_MULTIPLE_OF_4; // RFC 7822 §3: fields are padded to a 32-bit boundary
        }
        int vn = version(buf, off);
        if (vn < 1 || vn > 4) {
            return ERR_VERSION; // RFC 5905 §7.3: version 4; 1–3 kept for compatibility
        }
        int remainder = len - HEADER_LENGTH;
        if (remainder == 0) {
            return PLAIN;
        }
        int pos = off + HEADER_LENGTH;
        if (vn <= 3) {
            // before NTPv4 anything after the header is a MAC (RFC 1305 Appendix C)
            long keyId = buf.getUnsignedInt(pos);
            if (vn == 3 && keyId != 0) {
                if (remainder == MSSNTP_LENGTH && isZero(buf, pos + 4, remainder - 4)) {
                    return MSSNTP;
                }
                if (remainder == MSSNTP_EXT_LENGTH && isZero(buf, pos + 8, remainder - 8)) {
                    return MSSNTP_EXT;
                }
            }
            return SYMMETRIC_MAC;
        }
        if (remainder == 4 && buf.getInt(pos) == 0) {
            return CRYPTO_NAK;
        }
        int kind = PLAIN;
        while (remainder > 0) {
            if (remainder >= MIN_MAC_LENGTH && remainder <= MAX_V4_MAC_LENGTH) {
                return SYMMETRIC_MAC; // RFC 7822 §7: a trailing 20–24 bytes is a MAC, not a field
            }
            if (remainder < MIN_EXTENSION_LENGTH) {
                return ERR_EXTENSION;
            }
            int type = buf.getUnsignedShort(pos);
            int efLen = buf.getUnsignedShort(pos + 2);
            if (efLen < MIN_EXTENSION_LENGTH || (efLen & 3) != 0 || efLen > remainder) {
                return ERR_EXTENSION;
            }
            if (type >= 0x0104 && type <= 0x0404 && (type & 0xFF) == 0x04) {
                kind = NTS; // 0x0104 UID, 0x0204 cookie, 0x0304 placeholder, 0x0404 auth (RFC 8915 §5.7)
            }
            pos += efLen;
            remainder -= efLen;
        }
        return kind;
    }

    /** A sentence for an error code, naming the numbers involved. */
    public static String describe(int code, int len, int maxLength, int version) {
        switch (code) {
            case ERR_TOO_LONG: return "packet length " + len + " exceeds the maximum " + maxLength;
            case ERR_SHORT: return "packet length " + len + " is below the header length " + HEADER_LENGTH;
            case ERR_NOT_MULTIPLE_OF_4: return "packet length " + len + " is not a multiple of 4";
            case ERR_VERSION: return "version " + version + " is outside 1.." + 4;
            case ERR_EXTENSION: return "malformed extension field in a packet of length " + len
                    + " (fields are at least " + MIN_EXTENSION_LENGTH + " bytes, padded to 4, within the packet)";
            default: return "layout kind " + code;
        }
    }

    private static boolean isZero(ByteBuf buf, int from, int n) {
        for (int i = 0; i < n; i++) {
            if (buf.getByte(from + i) != 0) {
                return false;
            }
        }
        return true;
    }
}

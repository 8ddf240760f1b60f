package dev.vigil.agent.evtx;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binary XML value types ([MS-EVEN6] §2.2.18 BinXmlValueType / libevtx "value types") and their text renderings.
 */
final class ValueTypes {
    static final int NULL = 0x00, STRING = 0x01, ANSI = 0x02, INT8 = 0x03, UINT8 = 0x04, INT16 = 0x05,
            UINT16 = 0x06, INT32 = 0x07, UINT32 = 0x08, INT64 = 0x09, UINT64 = 0x0a, REAL32 = 0x0b, REAL64 = 0x0c,
            BOOL = 0x0d, BINARY = 0x0e, GUID = 0x0f, SIZE_T = 0x10, FILETIME = 0x11, SYSTIME = 0x12, SID = 0x13,
            HEX32 = 0x14, HEX64 = 0x15, BINXML = 0x21, ARRAY = 0x80;
    /** 100 ns intervals between 1601-01-01 and 1970-01-01. */
    static final long FILETIME_EPOCH = 116_444_736_000_000_000L;

    private ValueTypes() {
    }

    /** Renders {@code size} bytes at {@code pos} of a little-endian buffer as the given type's text. */
    static String text(int type, ByteBuffer b, int pos, int size) {
        if ((type & ARRAY) != 0) {
            return array(type & 0x7f, b, pos, size);
        }
        return switch (type) {
            case NULL -> "";
            case STRING -> stripNul(string(b, pos, size, StandardCharsets.UTF_16LE));
            case ANSI -> stripNul(string(b, pos, size, Charset.forName("windows-1252")));
            case INT8 -> Byte.toString(b.get(pos));
            case UINT8 -> Integer.toString(b.get(pos) & 0xff);
            case INT16 -> Short.toString(b.getShort(pos));
            case UINT16 -> Integer.toString(b.getShort(pos) & 0xffff);
            case INT32 -> Integer.toString(b.getInt(pos));
            case UINT32 -> Integer.toUnsignedString(b.getInt(pos));
            case INT64 -> Long.toString(b.getLong(pos));
            case UINT64 -> Long.toUnsignedString(b.getLong(pos));
            case REAL32 -> Float.toString(b.getFloat(pos));
            case REAL64 -> Double.toString(b.getDouble(pos));
            case BOOL -> b.getInt(pos) != 0 ? "true" : "false";
            case GUID -> guid(b, pos);
            case SIZE_T -> size == 8 ? String.format(Locale.ROOT, "0x%016x", b.getLong(pos))
                    : String.format(Locale.ROOT, "0x%08x", b.getInt(pos));
            case FILETIME -> fileTime(b.getLong(pos));
            case SYSTIME -> String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", b.getShort(pos),
                    b.getShort(pos + 2), b.getShort(pos + 6), b.getShort(pos + 8), b.getShort(pos + 10),
                    b.getShort(pos + 12), b.getShort(pos + 14));
            case SID -> sid(b, pos, size);
            case HEX32 -> "0x" + Integer.toHexString(b.getInt(pos));
            case HEX64 -> "0x" + Long.toHexString(b.getLong(pos));
            default -> hex(b, pos, size);
        };
    }

    /** The size of one element of a fixed-size type, or 0 for variable-size types. */
    static int fixedSize(int type) {
        return switch (type) {
            case INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, UINT32, REAL32, BOOL, HEX32 -> 4;
            case INT64, UINT64, REAL64, FILETIME, HEX64, SIZE_T -> 8;
            case GUID, SYSTIME -> 16;
            default -> 0;
        };
    }

    /** FILETIME as Windows renders SystemTime: 2023-11-14T22:13:20.1234567Z. */
    static String fileTime(long ft) {
        Instant t = toInstant(ft);
        String s = String.format(Locale.ROOT, "%s.%07dZ", t.toString().substring(0, 19),
                Math.floorMod(ft, 10_000_000L));
        return s;
    }

    static Instant toInstant(long ft) {
        long since = ft - FILETIME_EPOCH;
        return Instant.ofEpochSecond(Math.floorDiv(since, 10_000_000L), Math.floorMod(since, 10_000_000L) * 100);
    }

    private static String array(int base, ByteBuffer b, int pos, int size) {
        List<String> parts = items(base | ARRAY, b, pos, size);
        return parts == null ? hex(b, pos, size) : String.join(", ", parts);
    }

    /**
     * The elements of an array value (type with the 0x80 bit): strings are NUL-separated, other types
     * fixed-size; null for arrays of variable-size types other than strings.
     */
    static List<String> items(int type, ByteBuffer b, int pos, int size) {
        int base = type & 0x7f;
        List<String> parts = new ArrayList<>();
        if (base == STRING || base == ANSI) {
            Charset cs = base == STRING ? StandardCharsets.UTF_16LE : Charset.forName("windows-1252");
            for (String s : string(b, pos, size, cs).split("\0", -1)) {
                parts.add(s);
            }
            if (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
            return parts;
        }
        int n = fixedSize(base);
        if (n == 0) {
            return null;
        }
        for (int at = pos; at + n <= pos + size; at += n) {
            parts.add(text(base, b, at, n));
        }
        return parts;
    }

    private static String string(ByteBuffer b, int pos, int size, Charset cs) {
        byte[] bytes = new byte[size];
        b.get(pos, bytes);
        return new String(bytes, cs);
    }

    private static String stripNul(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == 0) {
            e--;
        }
        return s.substring(0, e);
    }

    static String guid(ByteBuffer b, int pos) {
        return String.format(Locale.ROOT, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", b.getInt(pos),
                b.getShort(pos + 4), b.getShort(pos + 6), b.get(pos + 8), b.get(pos + 9), b.get(pos + 10),
                b.get(pos + 11), b.get(pos + 12), b.get(pos + 13), b.get(pos + 14), b.get(pos + 15));
    }

    /** A SID ([MS-DTYP] §2.4.2.2): revision, sub-authority count, 48-bit big-endian authority, sub-authorities. */
    private static String sid(ByteBuffer b, int pos, int size) {
        if (size < 8) {
            return hex(b, pos, size);
        }
        int rev = b.get(pos) & 0xff;
        int n = b.get(pos + 1) & 0xff;
        long auth = 0;
        for (int i = 0; i < 6; i++) {
            auth = (auth << 8) | (b.get(pos + 2 + i) & 0xff);
        }
        StringBuilder sb = new StringBuilder("S-").append(rev).append('-').append(auth);
        for (int i = 0; i < n && pos + 8 + 4 * i + 4 <= pos + size; i++) {
            sb.append('-').append(Integer.toUnsignedString(b.getInt(pos + 8 + 4 * i)));
        }
        return sb.toString();
    }

    private static String hex(ByteBuffer b, int pos, int size) {
        StringBuilder sb = new StringBuilder(size * 2);
        for (int i = 0; i < size; i++) {
            sb.append(String.format(Locale.ROOT, "%02X", b.get(pos + i)));
        }
        return sb.toString();
    }
}

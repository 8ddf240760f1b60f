package dev.vigil.agent.acct;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: writes struct acct_v3 records (include/uapi/linux/acct.h) as the kernel does. */
public final class AcctWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    AcctWriter add(byte[] comm, int flags, int tty, int uid, int pid, int ppid, long btime, long utime, long stime) {
        return add(3, comm, flags, tty, uid, pid, ppid, btime, utime, stime);
    }

    public AcctWriter add(String comm, int flags, int tty, int uid, int pid, int ppid, long btime, long utime, long stime) {
        return add(comm.getBytes(StandardCharsets.UTF_8), flags, tty, uid, pid, ppid, btime, utime, stime);
    }

    public AcctWriter add(int version, byte[] comm, int flags, int tty, int uid, int pid, int ppid, long btime, long utime,
                   long stime) {
        ByteBuffer b = ByteBuffer.allocate(AcctReader.RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) flags);
        b.put(1, (byte) version);
        b.putShort(2, (short) tty);
        b.putInt(8, uid);
        b.putInt(12, uid);
        b.putInt(16, pid);
        b.putInt(20, ppid);
        b.putInt(24, (int) btime);
        b.putFloat(28, 1.5f);
        b.putShort(32, encode(utime));
        b.putShort(34, encode(stime));
        b.putShort(36, encode(1024));
        b.putShort(42, encode(utime * 3 + 7));
        b.putShort(44, encode(stime / 2));
        b.put(48, comm, 0, Math.min(16, comm.length));
        out.writeBytes(b.array());
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** The kernel's encode_comp_t: 13-bit mantissa, 3-bit base-8 exponent, rounding the dropped bits. */
    static short encode(long value) {
        int exp = 0;
        boolean rnd = false;
        while (value > 0x1fff) {
            rnd = (value & 4) != 0;
            value >>= 3;
            exp++;
        }
        if (rnd && ++value > 0x1fff) {
            value >>= 3;
            exp++;
        }
        return (short) ((exp << 13) + value);
    }
}

package dev.vigil.agent.login;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Test helper: writes glibc x86-64 struct utmp records (the layout of gen_utmp.py and bits/utmp.h). */
public final class UtmpWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public UtmpWriter add(int type, int pid, String line, String id, String user, String host, long sec, String addr) {
        return add(type, pid, bytes(line), bytes(id), bytes(user), bytes(host), sec, addr);
    }

    UtmpWriter add(int type, int pid, byte[] line, byte[] id, byte[] user, byte[] host, long sec, String addr) {
        ByteBuffer b = ByteBuffer.allocate(UtmpReader.RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) type);
        b.putInt(4, pid);
        put(b, 8, line, 32);
        put(b, 40, id, 4);
        put(b, 44, user, 32);
        put(b, 76, host, 256);
        b.putInt(336, pid);
        b.putInt(340, (int) sec);
        b.putInt(344, (int) (sec % 1000) * 997);
        if (addr != null) {
            try {
                byte[] a = InetAddress.getByName(addr).getAddress();
                b.put(348, a);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(addr, e);
            }
        }
        out.writeBytes(b.array());
        return this;
    }

    public UtmpWriter login(long sec, int pid, String line, String user, String host, String addr) {
        return add(UtmpType.USER_PROCESS, pid, line, idOf(line), user, host, sec, addr);
    }

    public UtmpWriter logout(long sec, int pid, String line) {
        return add(UtmpType.DEAD_PROCESS, pid, line, idOf(line), "", "", sec, null);
    }

    public UtmpWriter boot(long sec, String kernel) {
        add(UtmpType.BOOT_TIME, 0, "~", "~~", "reboot", kernel, sec, null);
        return add(UtmpType.RUN_LVL, '5' | ('N' << 8), "~", "~~", "runlevel", kernel, sec + 5, null);
    }

    public UtmpWriter shutdown(long sec, String kernel, char level) {
        add(UtmpType.RUN_LVL, level | ('5' << 8), "~", "~~", "runlevel", kernel, sec, null);
        return add(UtmpType.RUN_LVL, 0, "~", "~~", "shutdown", kernel, sec + 1, null);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private static String idOf(String line) {
        return line.length() > 4 ? line.substring(line.length() - 4) : line;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ByteBuffer b, int at, byte[] v, int max) {
        b.put(at, v, 0, Math.min(v.length, max));
    }
}

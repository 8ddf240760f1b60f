package dev.vigil.collector.action.usrmsg;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the login sessions in a utmp file (glibc x86-64 layout: 384-byte records; {@code ut_type} at 0,
 * {@code ut_line[32]} at 8, {@code ut_user[32]} at 44).
 */
public final class Utmp {
    /** Size of one record of glibc's struct utmp on 64-bit Linux. */
    public static final int RECORD = 384;
    /** ut_type of a normal user session. */
    public static final int USER_PROCESS = 7;
    /** A utmp file larger than this is refused (about 170,000 records). */
    public static final long MAX_FILE = 64L << 20;

    /** One logged-in session: the user name and the terminal line (relative to /dev). */
    public record Session(String user, String line) {
    }

    private Utmp() {
    }

    /** The USER_PROCESS sessions in {@code file}; an absent file gives none. */
    public static List<Session> sessions(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        if (Files.size(file) > MAX_FILE) {
            throw new IOException(file + " is larger than " + MAX_FILE + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Session> out = new ArrayList<>();
        for (int off = 0; off + RECORD <= b.limit(); off += RECORD) {
            if (b.getShort(off) != USER_PROCESS) {
                continue;
            }
            String user = cString(b, off + 44, 32);
            String line = cString(b, off + 8, 32);
            if (!user.isEmpty() && !user.equals("LOGIN") && !line.isEmpty()) {
                out.add(new Session(user, line));
            }
        }
        return out;
    }

    /** Builds one USER_PROCESS record (for tests and tools). */
    public static byte[] record(String user, String line, int pid) {
        ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) USER_PROCESS);
        b.putInt(4, pid);
        put(b, 8, line, 32);
        put(b, 44, user, 32);
        return b.array();
    }

    private static void put(ByteBuffer b, int off, String s, int max) {
        byte[] v = s.getBytes(StandardCharsets.UTF_8);
        b.put(off, v, 0, Math.min(v.length, max));
    }

    private static String cString(ByteBuffer b, int off, int max) {
        int n = 0;
        while (n < max && b.get(off + n) != 0) {
            n++;
        }
        byte[] v = new byte[n];
        b.get(off, v);
        return new String(v, StandardCharsets.UTF_8);
    }
}

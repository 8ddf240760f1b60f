package dev.vigil.sensor.analyzer;

import java.io.ByteArrayOutputStream;

/** Zeek's unescape_URI: %XX sequences become the byte they encode; anything else is kept as is. */
final class UriUnescape {
    private UriUnescape() {
    }

    static byte[] unescape(byte[] u) {
        ByteArrayOutputStream out = null;
        for (int i = 0; i < u.length; i++) {
            if (u[i] == '%' && i + 2 < u.length && hex(u[i + 1]) >= 0 && hex(u[i + 2]) >= 0) {
                if (out == null) {
                    out = new ByteArrayOutputStream(u.length);
                    out.write(u, 0, i);
                }
                out.write(hex(u[i + 1]) << 4 | hex(u[i + 2]));
                i += 2;
            } else if (out != null) {
                out.write(u[i]);
            }
        }
        return out == null ? u : out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}

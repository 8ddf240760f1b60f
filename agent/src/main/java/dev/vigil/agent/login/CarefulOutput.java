package dev.vigil.agent.login;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * util-linux's {@code fputc_careful}: how {@code last} prints bytes that came from a file. ASCII control
 * characters become '*' followed by the character XOR 0x40 ("^A" as "*A"); bytes above 0x7f pass through in a
 * UTF-8 locale and become a backslash and three octal digits otherwise.
 */
public final class CarefulOutput {
    private final boolean utf8;

    /** @param utf8 whether the locale's character set is UTF-8 */
    public CarefulOutput(boolean utf8) {
        this.utf8 = utf8;
    }

    /** Reads LC_ALL, LC_CTYPE and LANG the way setlocale(3) picks the character type locale. */
    public static CarefulOutput fromEnvironment() {
        String v = System.getenv("LC_ALL");
        if (v == null || v.isEmpty()) {
            v = System.getenv("LC_CTYPE");
        }
        if (v == null || v.isEmpty()) {
            v = System.getenv("LANG");
        }
        String s = v == null ? "" : v.toLowerCase(Locale.ROOT);
        return new CarefulOutput(s.contains("utf-8") || s.contains("utf8"));
    }

    /** Renders a byte string (one char per byte), keeping the line feed. */
    public byte[] render(String byteString) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(byteString.length() + 8);
        int i = 0;
        while (i < byteString.length()) {
            int c = byteString.charAt(i) & 0xff;
            if (c == '\n' || c == '\t' || c == '\r' || c == 7 || (c >= 0x20 && c < 0x7f)) {
                out.write(c);
            } else if (c >= 0x80) {
                int n = utf8 ? printableUtf8Length(byteString, i) : 0;
                if (n > 0) {
                    for (int k = 0; k < n; k++) {
                        out.write(byteString.charAt(i + k));
                    }
                    i += n;
                    continue;
                }
                out.writeBytes(String.format(Locale.ROOT, "\\%3o", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write('*');
                out.write(c ^ 0x40);
            }
            i++;
        }
        return out.toByteArray();
    }

    /**
     * The length of a complete, well-formed UTF-8 sequence at {@code i} whose character is printable
     * (what mbtowc(3) and iswprint(3) accept in a UTF-8 locale), or 0.
     */
    static int printableUtf8Length(String s, int i) {
        int b0 = s.charAt(i) & 0xff;
        int n;
        int cp;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 2;
            cp = b0 & 0x1f;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            n = 3;
            cp = b0 & 0x0f;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 4;
            cp = b0 & 0x07;
        } else {
            return 0;
        }
        if (i + n > s.length()) {
            return 0;
        }
        for (int k = 1; k < n; k++) {
            int b = s.charAt(i + k) & 0xff;
            if ((b & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))
                || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        int type = Character.getType(cp);
        boolean printable = Character.isDefined(cp) && !Character.isISOControl(cp)
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
                && type != Character.SURROGATE;
        return printable ? n : 0;
    }
}

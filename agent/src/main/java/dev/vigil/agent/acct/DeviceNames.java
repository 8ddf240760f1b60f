package dev.vigil.agent.acct;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Names for {@code ac_tty} values as lastcomm prints them: "__" for none, "pts/N" for Unix98 pseudo-terminals
 * (majors 136-143, Documentation/admin-guide/devices.txt), a character device of {@code /dev} with that number,
 * or "[major,minor]".
 */
public final class DeviceNames {
    private final Map<Integer, String> byNumber;

    private DeviceNames(Map<Integer, String> byNumber) {
        this.byNumber = byNumber;
    }

    /** Names from the character devices directly in {@code dev} (symbolic links followed). */
    public static DeviceNames scan(Path dev) {
        Map<Integer, String> m = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dev)) {
            for (Path p : ds) {
                try {
                    if (!Files.isDirectory(p) && !Files.isRegularFile(p)) {
                        int mode = (Integer) Files.getAttribute(p, "unix:mode");
                        if ((mode & 0170000) == 0020000) {
                            long rdev = (Long) Files.getAttribute(p, "unix:rdev");
                            int major = (int) (((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfff));
                            int minor = (int) ((rdev & 0xff) | ((rdev >> 12) & ~0xff));
                            if (major < 256 && minor < 256) {
                                m.put((major << 8) | minor, p.getFileName().toString());
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // a device that vanished or cannot be stat'ed has no name
                }
            }
        } catch (IOException e) {
            // no /dev: every terminal prints by number
        }
        return new DeviceNames(m);
    }

    /** Only the fixed rules, no /dev. */
    public static DeviceNames none() {
        return new DeviceNames(Map.of());
    }

    /** @return the name lastcomm prints for this terminal number */
    public String name(int tty) {
        if (tty == 0) {
            return "__";
        }
        int major = (tty >> 8) & 0xff;
        int minor = tty & 0xff;
        if (major >= 136 && major <= 143) {
            return "pts/" + (((major - 136) << 8) + minor);
        }
        String n = byNumber.get(tty);
        return n != null ? n : "[" + major + "," + minor + "]";
    }
}

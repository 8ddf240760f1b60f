package dev.vigil.agent.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code last} asks of the running system to tell a session "still logged in" from "gone - no logout":
 * the boot time, the password database, {@code /proc/PID/loginuid} and the owner of {@code /dev/LINE}.
 */
public interface SystemView {
    /** @return the system's boot time in epoch seconds */
    long bootTime();

    /** @return the uid of a user in the password database, if there is one */
    OptionalInt uidOf(String user);

    /** @return the audit login uid of a live process, empty when it has none or does not exist */
    OptionalLong loginUid(int pid);

    /** @return the uid owning {@code /dev/<line>}, empty when there is no such device */
    OptionalInt deviceOwner(String line);

    /** The machine this runs on. */
    static SystemView live() {
        return new LiveSystem(Path.of("/"));
    }

    /** Reads the running system under {@code root} ("/" normally). */
    final class LiveSystem implements SystemView {
        private final Path root;
        private final Passwd passwd;

        LiveSystem(Path root) {
            this.root = root;
            Passwd p;
            try {
                p = Passwd.read(root.resolve("etc/passwd"));
            } catch (IOException e) {
                p = Passwd.EMPTY;
            }
            this.passwd = p;
        }

        @Override
        public long bootTime() {
            try {
                for (String l : Files.readAllLines(root.resolve("proc/stat"), StandardCharsets.ISO_8859_1)) {
                    if (l.startsWith("btime ")) {
                        return Long.parseLong(l.substring(6).trim());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through: without a boot time, every session is taken as begun after it
            }
            return 0;
        }

        @Override
        public OptionalInt uidOf(String user) {
            return passwd.uidOf(user);
        }

        @Override
        public OptionalLong loginUid(int pid) {
            Path p = root.resolve("proc/" + Integer.toUnsignedString(pid) + "/loginuid");
            try {
                return OptionalLong.of(Long.parseLong(Files.readString(p, StandardCharsets.ISO_8859_1).trim()));
            } catch (IOException | NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        @Override
        public OptionalInt deviceOwner(String line) {
            try {
                Path dev = root.resolve("dev").resolve(line);
                return OptionalInt.of((Integer) Files.getAttribute(dev, "unix:uid"));
            } catch (IOException | RuntimeException e) {
                return OptionalInt.empty();
            }
        }
    }
}

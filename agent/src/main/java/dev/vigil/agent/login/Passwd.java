package dev.vigil.agent.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** A password database in {@code /etc/passwd} form, in file order (the order getpwent(3) returns). */
public final class Passwd {
    /** An empty database. */
    public static final Passwd EMPTY = new Passwd(List.of());

    /** One entry: name and numeric user id (the fields the login tools use). */
    public record Entry(String name, long uid) {
    }

    private final List<Entry> entries;

    private Passwd(List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses a passwd file; lines that are not {@code name:pw:uid:...} are skipped, as glibc skips them. */
    public static Passwd read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String[] f = l.split(":", -1);
            if (f.length < 4 || f[0].isEmpty() || f[0].startsWith("+") || f[0].startsWith("-")) {
                continue;
            }
            try {
                out.add(new Entry(f[0], Long.parseLong(f[2])));
            } catch (NumberFormatException e) {
                // not a valid entry: getpwent skips it too
            }
        }
        return new Passwd(List.copyOf(out));
    }

    /** @return every entry in file order */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the uid of the first entry with this name */
    public OptionalInt uidOf(String name) {
        for (Entry e : entries) {
            if (e.name.equals(name)) {
                return OptionalInt.of((int) e.uid);
            }
        }
        return OptionalInt.empty();
    }
}

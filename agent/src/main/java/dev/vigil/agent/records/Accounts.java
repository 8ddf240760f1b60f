package dev.vigil.agent.records;

import dev.vigil.agent.login.Passwd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** User names by uid from a password file, read again when it changes. */
final class Accounts {
    private final Path file;
    private FileTime seen;
    private Passwd passwd = Passwd.EMPTY;
    private long checkedAt;

    Accounts(Path file) {
        this.file = file;
    }

    /** The current password file (an empty one when it cannot be read); checked for changes every 10 s. */
    Passwd passwd() {
        long now = System.nanoTime();
        if (seen != null && now - checkedAt < 10_000_000_000L) {
            return passwd;
        }
        checkedAt = now;
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (!t.equals(seen)) {
                passwd = Passwd.read(file);
                seen = t;
            }
        } catch (IOException e) {
            passwd = Passwd.EMPTY;
            seen = FileTime.fromMillis(0);
        }
        return passwd;
    }

    /** The name of a uid, or null. */
    String name(long uid) {
        for (Passwd.Entry e : passwd().entries()) {
            if (e.uid() == uid) {
                return e.name();
            }
        }
        return null;
    }
}

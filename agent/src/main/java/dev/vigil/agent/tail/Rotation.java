package dev.vigil.agent.tail;

import dev.vigil.agent.queue.FileState;
import dev.vigil.agent.stats.Stats;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/** Finding where a rotated file went: renamed beside its old name, or copied there by copytruncate. */
final class Rotation {
    private static final int MAX_ENTRIES = 10_000;

    private final Glob glob;
    private final Stats stats;

    Rotation(Glob glob, Stats stats) {
        this.glob = glob;
        this.stats = stats;
    }

    /** A file in the directory of {@code old} that is the inode {@code key}, or null. */
    Path findInode(Path old, FileId.Key key) {
        Path dir = old.getParent();
        if (dir == null) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            int n = 0;
            for (Path p : ds) {
                if (n++ > MAX_ENTRIES) {
                    break;
                }
                try {
                    FileId id = FileId.of(p);
                    if (id.regular() && id.key().equals(key)) {
                        return p;
                    }
                } catch (IOException e) {
                    // vanished meanwhile
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /**
     * The copy copytruncate made of a file before truncating it: beside it, named after it ({@code app.log.1},
     * {@code app.log-20240101}), not compressed, at least {@code readPos} bytes long and beginning with the bytes
     * the file began with. The most recently modified wins; null when there is none.
     */
    Path findCopy(Path file, FileId.Key key, FileState s, long readPos) {
        Path dir = file.getParent();
        if (dir == null || s.fpLength() == 0) {
            return null;
        }
        String name = file.getFileName().toString();
        Path best = null;
        FileTime bestTime = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            int n = 0;
            for (Path p : ds) {
                if (n++ > MAX_ENTRIES) {
                    break;
                }
                String other = p.getFileName().toString();
                if (other.length() <= name.length() || !other.startsWith(name)
                        || ".-_".indexOf(other.charAt(name.length())) < 0 || glob.excluded(p.getFileName())) {
                    continue;
                }
                try {
                    FileId id = FileId.of(p);
                    if (!id.regular() || id.key().equals(key) || id.size() < readPos || id.size() < s.fpLength()) {
                        continue;
                    }
                    try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
                        if ((int) Fingerprint.of(c, s.fpLength()) != s.fpCrc()) {
                            continue;
                        }
                    }
                    FileTime t = Files.getLastModifiedTime(p);
                    if (best == null || t.compareTo(bestTime) > 0) {
                        best = p;
                        bestTime = t;
                    }
                } catch (IOException e) {
                    // unreadable or vanished: not the copy we can use
                }
            }
        } catch (IOException e) {
            stats.errors.inc();
            return null;
        }
        return best;
    }
}
